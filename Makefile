# Assay's entry points. Every target first ensures the toolchain (Node >= 22.15, pnpm, an install
# matching the lockfile), then stays a thin layer over turbo and the `assay` command.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

export PATH := $(CURDIR)/.toolchain/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export TURBO_TELEMETRY_DISABLED := 1

# CATEGORY=a,b narrows a tier target to those categories: --category a --category b.
comma := ,
categories = $(foreach c,$(subst $(comma), ,$(CATEGORY)),--category $(c))

# $(call tier,TIER,ARGS): run TIER across the monorepo through turbo (ARGS after -- reach each
# workspace's `assay test`), then print one summary for every workspace; fail if anything failed.
tier = start=$$(date +%s%3N); export ASSAY_SESSION=$$start; status=0; \
	turbo run test:$(1) --continue $(if $(2),-- $(2)) || status=$$?; \
	assay summary --tier $(1) --since $$start || { [[ $$status -ne 0 ]] || status=1; }; \
	exit $$status

.PHONY: help toolchain prerequisites shell bench bench-pr mutation test test-pr test-nightly test-weekly test-unit test-integration \
	test-chaos-smoke test-chaos test-operational test-soak-1h test-soak-24h traceability report images doctor lint typecheck adopt-check packages security ci \
	runner-image kind-up kind-down test-k8s test-k8s-local

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-18s %s\n", $$1, $$2 }'

toolchain: ## Ensure Node >= 22.15, pnpm and the installed dependencies (quick when nothing is missing)
	@tools/toolchain.sh

prerequisites: ## What the tests need from the machine (Redis and MariaDB for the fixtures): installed as root with apt, else one line saying the ways out
	@tools/prerequisites.sh

shell: toolchain ## Print the line that puts the toolchain on PATH, to run pnpm turbo … directly
	@tools/toolchain.sh --path

test: toolchain prerequisites lint typecheck packages ## The repo's own full check, as CI runs it: lint, typecheck, packages, the PR tier everywhere with coverage and its thresholds, traceability, contracts, then the chaos, operational, later-tiers and monorepo-e2e tests
	@export ASSAY_COVERAGE=on; $(call tier,pr)
	@assay trace --threshold 100 --require-links
	@assay contract verify
	@export ASSAY_CONFIRM_CHAOS=yes ASSAY_CONFIRM_OPERATIONAL=yes; $(call tier,nightly,--category chaos --category operational --category later-tiers --category monorepo-e2e)

test-pr: toolchain prerequisites ## The main job: the PR tier across the monorepo, with one summary
	@$(call tier,pr)

test-nightly: toolchain prerequisites ## The nightly tier: adds slow, performance, chaos and operational tests (CATEGORY=a,b runs only those)
	@$(call tier,nightly,$(categories))

test-weekly: toolchain ## The weekly tier: every category (asks before destructive tests), then mutation testing against its baselines
	@assay gate --confirm destructive; tools/prerequisites.sh; export ASSAY_CONFIRM_DESTRUCTIVE=yes; $(call tier,weekly)
	@turbo run build --output-logs=errors-only
	@assay mutate --incremental

test-unit: toolchain prerequisites ## Only the unit tests of the PR tier
	@$(call tier,pr,--category unit)

test-integration: toolchain prerequisites ## Only the integration tests of the PR tier
	@$(call tier,pr,--category integration)

test-chaos-smoke: toolchain prerequisites ## The must-pass chaos checks of every PR (tests tagged smoke; the PR workflow's chaos-smoke job)
	@export ASSAY_CONFIRM_CHAOS=yes; $(call tier,nightly,--category smoke)

test-chaos: toolchain ## Only the chaos tests (asks first: they stop services and inject faults)
	@assay gate --confirm chaos; tools/prerequisites.sh; export ASSAY_CONFIRM_CHAOS=yes; $(call tier,nightly,--category chaos --confirm)

test-operational: toolchain ## Only the operational tests (asks first: they run recovery procedures)
	@assay gate --confirm operational; tools/prerequisites.sh; export ASSAY_CONFIRM_OPERATIONAL=yes; $(call tier,nightly,--category operational --confirm)

test-soak-1h: toolchain ## A one-hour soak run
	@assay gate --soak 1h; tools/prerequisites.sh; export ASSAY_SOAK_DURATION=1h; $(call tier,weekly,--category soak)

test-soak-24h: toolchain ## A 24-hour soak run: CI only, refused on a workstation
	@assay gate --soak 24h; tools/prerequisites.sh; export ASSAY_SOAK_DURATION=24h; $(call tier,weekly,--category soak)

bench: toolchain prerequisites ## Every package's benchmark, one after another; figures kept in .assay/benchmarks/ (record them: assay insights benchmarks --record)
	@pnpm -r --workspace-concurrency=1 --if-present run bench

mutation: toolchain ## Mutation testing (Stryker) of the workspaces assay.config.ts names; fails when a score falls below its baseline
	@turbo run build --output-logs=errors-only
	@assay mutate --incremental

bench-pr: toolchain prerequisites ## Benchmark: the PR tier cold and warm from a fresh clone, and a many-files suite, against plain Vitest
	@pnpm --filter @assay/platform-tests bench

security: toolchain ## The security stage: dependency audit, secret scan, licence allow-list and an SBOM (.assay/reports/sbom.cdx.json)
	@assay security

traceability: toolchain ## The requirement-coverage gate over the last run (TIER=pr by default): every requirement proven, every test linked
	@assay trace --tier $(or $(TIER),pr) --threshold 100 --require-links

report: toolchain ## The last tier run as a job summary, the insights dashboard and JUnit XML (TIER=pr by default)
	@assay report --tier $(or $(TIER),pr)

images: ## Build the offline Postgres and Redis images from Debian's packages (needs Docker and root)
	@tools/docker-engine.sh
	@tools/images/build.sh

runner-image: toolchain ## Build the test-runner image assay-runner:latest (and the service images) for in-cluster runs (needs Docker and root)
	@tools/runner/build.sh

# The Kind cluster of in-cluster runs and the images its node is given (no registry needed).
KIND_CLUSTER := assay
KIND_IMAGES := assay-runner:latest assay-postgres:15 assay-redis:7

kind-up: ## Create the Kind cluster (deploy/k8s/kind/cluster.yaml) unless it exists, and load the runner and service images into it
	@command -v kind >/dev/null || { echo "kind-up: kind not found: install kind v0.31.0 (https://kind.sigs.k8s.io)" >&2; exit 2; }
	@kind get clusters 2>/dev/null | grep -qx $(KIND_CLUSTER) || kind create cluster --config deploy/k8s/kind/cluster.yaml
	@kind load docker-image --name $(KIND_CLUSTER) $(KIND_IMAGES)

kind-down: ## Delete the Kind cluster
	@kind delete cluster --name $(KIND_CLUSTER)

test-k8s: toolchain ## The tier (TIER=pr) as a Kubernetes Indexed Job of SHARDS=3 shards on kubectl's current cluster (OVERLAY=kind), merged into one report
	@assay k8s run --shards $(or $(SHARDS),3) --tier $(or $(TIER),pr) --overlay $(or $(OVERLAY),kind)

test-k8s-local: runner-image ## The Indexed Job's contract without a cluster: the runner image as SHARDS=3 containers and unsharded, services in containers, merged and compared
	@pnpm --filter @assay/cli bench:runner --shards $(or $(SHARDS),3) --tier $(or $(TIER),pr) $(categories)

doctor: toolchain ## Which provider each test service (Postgres, Redis) will use, and why
	@assay doctor

lint: toolchain ## Biome: lint and format check
	@biome ci --error-on-warnings $$([ -t 1 ] || echo --colors=off) .

typecheck: toolchain ## TypeScript (strict) in every workspace
	@turbo run typecheck --output-logs=errors-only

adopt-check: toolchain ## Adopt Assay in a brand-new monorepo from the packed packages (also in the nightly tier)
	@cd tests && ASSAY_TIER=nightly pnpm exec vitest run src/adopt.test.ts

packages: toolchain ## Pack every published package as pnpm publishes it: publint, attw, no workspace:/catalog: versions left
	@tools/check-packages.sh

ci: ## What CI runs on a fresh clone: .ci/run
	@bash .ci/run
