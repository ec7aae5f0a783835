"""Contract tests: the committed SDK (output/sdk) against Prism mocking spec/pachca.yaml."""
