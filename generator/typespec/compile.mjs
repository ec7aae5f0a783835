// dxgen's TypeSpec driver: compile one untrusted .tsp spec to OpenAPI with the pinned compiler.
//
//   node compile.mjs REQUEST.json
//
// REQUEST: {main, modules, work, emitterOptions, libraries, maxBytes}; WORK/src/node_modules is
// already a link to MODULES (made by the caller). The result goes to WORK/result.json:
// {diagnostics: [{severity, code, message, file, line, column}], sources, output}. Files are
// reported by their path in the user's folder (line and column 1-based). A spec declares one
// service: with more, the emitter would write one over the other, so that is an error here.
//
// What a spec may load is decided here, before the compiler runs: the .tsp files its imports
// reach (followed from `main`) must lie inside main's folder, symlinks resolved; a bare import
// must name one of `libraries` (the pinned @typespec packages). Anything else (a .js import, a
// package, a folder, a file outside) is refused with a located error and nothing is compiled.
// The accepted files are copied to WORK/src beside a symlink to our node_modules, so that the
// compiler finds our libraries and nothing of the user's folder (no tspconfig.yaml, no
// node_modules, no package.json). The compiler host is wrapped as a second fence: it reads only
// under WORK/src and our node_modules, imports JavaScript only from our node_modules and
// writes only under WORK/out.
import { lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const modules = realpathSync(request.modules);
const compilerDir = join(modules, "@typespec", "compiler", "dist", "src");
const { compile, NodeHost, getSourceLocation, createSourceFile, listServices, getNamespaceFullName } =
  await import(
  pathToFileURL(join(compilerDir, "index.js")).href
);
const { parse, SyntaxKind } = await import(pathToFileURL(join(compilerDir, "ast", "index.js")).href);

const work = realpathSync(request.work);
const srcDir = join(work, "src");
const outDir = join(work, "out");
const mainPath = resolve(request.main);
const specDir = dirname(mainPath); // as the user names it: copies keep these relative paths
const specReal = realpathSync(specDir);
const libraries = new Set(request.libraries);
const diagnostics = [];
const sources = [];

function under(path, folder) {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function lineColumn(text, pos) {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return [line, pos - start + 1];
}

function refuse(file, text, pos, message) {
  const [line, column] = lineColumn(text, pos);
  diagnostics.push({ severity: "error", code: "dxgen-import", message, file, line, column });
}

// 1. Follow the imports from main.tsp through the user's own files.
const ALLOWED = `a spec may import only .tsp files inside its folder and ${[...libraries].join(", ")}`;
const queue = [mainPath];
const seen = new Set();
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const text = readFileSync(realpathSync(file), "utf8");
  if (Buffer.byteLength(text) > request.maxBytes) {
    diagnostics.push({
      severity: "error", code: "dxgen-size", file, line: 0, column: 0,
      message: `file is larger than the limit of ${request.maxBytes} bytes`,
    });
    continue;
  }
  sources.push(file);
  const script = parse(createSourceFile(text, file));
  for (const statement of script.statements) {
    if (statement.kind !== SyntaxKind.ImportStatement) continue;
    const target = statement.path.value;
    const pos = statement.pos;
    if (libraries.has(target)) continue;
    const relativeImport = target.startsWith("./") || target.startsWith("../") || isAbsolute(target);
    if (!relativeImport || !target.endsWith(".tsp")) {
      refuse(file, text, pos, `import "${target}" refused: ${ALLOWED}`);
      continue;
    }
    const path = resolve(dirname(file), target);
    if (!under(path, specDir)) {
      refuse(file, text, pos, `import "${target}" refused: outside the spec's folder`);
      continue;
    }
    let stat;
    try {
      stat = lstatSync(realpathSync(path));
    } catch {
      continue; // not there: the compiler reports it where it is imported
    }
    if (!under(realpathSync(path), specReal) || !stat.isFile()) {
      const why = stat.isFile() ? "a link out of the spec's folder" : "not a regular file";
      refuse(file, text, pos, `import "${target}" refused: ${why}`);
      continue;
    }
    queue.push(path);
  }
}

function toUser(path) {
  if (typeof path !== "string" || !path) return "";
  return under(path, srcDir) ? join(specDir, relative(srcDir, path)) : path;
}

function finish(output) {
  writeFileSync(join(work, "result.json"), JSON.stringify({ diagnostics, sources, output }));
}

if (diagnostics.length > 0) {
  finish(null);
  process.exit(0);
}

// 2. The accepted files, copied beside our libraries (WORK/src/node_modules).
for (const file of sources) {
  const copy = join(srcDir, relative(specDir, file));
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, readFileSync(realpathSync(file)));
}

// 3. Compile with a host fenced to those folders.
const readable = [srcDir, modules];
function real(path) {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
function fenced(path, folders) {
  const p = resolve(path);
  return folders.some((f) => under(p, f)) && folders.some((f) => under(real(p), f));
}
function denied(path) {
  const err = new Error(`ENOENT: dxgen does not let the compiler read ${path}`);
  err.code = "ENOENT";
  return err;
}
const host = {
  ...NodeHost,
  logSink: { log() {} },
  readUrl: async (url) => {
    throw new Error(`dxgen does not let the compiler fetch ${url}`);
  },
  readFile: async (path) => {
    if (!fenced(path, readable)) throw denied(path);
    return NodeHost.readFile(path);
  },
  readDir: async (path) => {
    if (!fenced(path, readable)) throw denied(path);
    return NodeHost.readDir(path);
  },
  stat: async (path) => {
    if (!fenced(path, readable)) throw denied(path);
    return NodeHost.stat(path);
  },
  getJsImport: async (path) => {
    if (!fenced(path, [modules])) throw new Error(`dxgen refuses to run JavaScript at ${path}`);
    return NodeHost.getJsImport(path);
  },
  writeFile: async (path, content) => {
    if (!under(resolve(path), outDir)) throw new Error(`dxgen refuses to write ${path}`);
    return NodeHost.writeFile(path, content);
  },
  mkdirp: async (path) => {
    if (!under(resolve(path), outDir)) throw new Error(`dxgen refuses to create ${path}`);
    return NodeHost.mkdirp(path);
  },
  rm: async (path, options) => {
    if (!under(resolve(path), outDir)) throw new Error(`dxgen refuses to remove ${path}`);
    return NodeHost.rm(path, options);
  },
};

const program = await compile(host, join(srcDir, relative(specDir, mainPath)), {
  outputDir: outDir,
  emit: ["@typespec/openapi3"],
  options: { "@typespec/openapi3": { ...request.emitterOptions, "emitter-output-dir": outDir } },
});

function located(target) {
  const location = getSourceLocation(target, { locateId: true });
  if (!location || !location.file || location.isSynthetic) return { file: "", line: 0, column: 0 };
  const at = location.file.getLineAndCharacterOfPosition(location.pos);
  return { file: toUser(location.file.path), line: at.line + 1, column: at.character + 1 };
}

for (const diagnostic of program.diagnostics) {
  diagnostics.push({
    severity: diagnostic.severity,
    code: String(diagnostic.code),
    message: diagnostic.message,
    ...located(diagnostic.target),
  });
}

// One service, one OpenAPI file: with two the emitter would write one over the other.
const services = listServices(program);
if (services.length > 1) {
  const names = services.map((s) => getNamespaceFullName(s.type)).join(", ");
  diagnostics.push({
    severity: "error",
    code: "dxgen-services",
    message: `dxgen reads one service; this spec declares ${services.length} (${names})`,
    ...located(services[1].type),
  });
}
finish(program.hasError() || services.length > 1 ? null : outDir);
