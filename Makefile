# SAM builds the hook's functions with this Makefile (template.yml: Metadata: BuildMethod: makefile), which is how
# `cfn submit` (language typescript) and `sam local start-lambda` (for `cfn test`) get the handler bundle.
# Each target puts the esbuild bundles where template.yml's Handler (dist/handlers.entrypoint) expects them.
# SAM sets ARTIFACTS_DIR; a plain `make build-TypeFunction` writes to .aws-sam/make/ instead.

ARTIFACTS_DIR ?= $(CURDIR)/.aws-sam/make

# The Lambda bundles (the handler and the SDK clients preDelete loads on first use) come from their one home,
# src/kernel/bundles/bundles.json, through the build script: no bundle name is spelled here.
LAMBDA_BUNDLES := $(shell node scripts/build.mjs --list lambda)
comma := ,
empty :=
space := $(empty) $(empty)

.PHONY: build-TypeFunction build-TestEntrypoint bundle

build-TypeFunction: bundle
	mkdir -p "$(ARTIFACTS_DIR)/dist"
	cp $(LAMBDA_BUNDLES:%=dist/%.js) "$(ARTIFACTS_DIR)/dist/"

build-TestEntrypoint: bundle
	mkdir -p "$(ARTIFACTS_DIR)/dist"
	cp $(LAMBDA_BUNDLES:%=dist/%.js) "$(ARTIFACTS_DIR)/dist/"

# SAM copies the project to a scratch directory without node_modules: install from the lock file first.
bundle:
	test -d node_modules || npm ci --no-audit --no-fund
	node scripts/build.mjs --only $(subst $(space),$(comma),$(LAMBDA_BUNDLES))
