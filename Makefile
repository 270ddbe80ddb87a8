# SAM builds the hook's functions with this Makefile (template.yml: Metadata: BuildMethod: makefile), which is how
# `cfn submit` (language typescript) and `sam local start-lambda` (for `cfn test`) get the handler bundle.
# Each target puts the esbuild bundle where template.yml's Handler (dist/handlers.entrypoint) expects it.
# SAM sets ARTIFACTS_DIR; a plain `make build-TypeFunction` writes to .aws-sam/make/ instead.

ARTIFACTS_DIR ?= $(CURDIR)/.aws-sam/make

.PHONY: build-TypeFunction build-TestEntrypoint bundle

# dist/handlers-aws-sdk.js holds the SDK clients preDelete loads on first use; it ships beside the handler.
build-TypeFunction: bundle
	mkdir -p "$(ARTIFACTS_DIR)/dist"
	cp dist/handlers.js dist/handlers-aws-sdk.js "$(ARTIFACTS_DIR)/dist/"

build-TestEntrypoint: bundle
	mkdir -p "$(ARTIFACTS_DIR)/dist"
	cp dist/handlers.js dist/handlers-aws-sdk.js "$(ARTIFACTS_DIR)/dist/"

# SAM copies the project to a scratch directory without node_modules: install from the lock file first.
bundle:
	test -d node_modules || npm ci --no-audit --no-fund
	node scripts/build.mjs --only handlers,handlers-aws-sdk
