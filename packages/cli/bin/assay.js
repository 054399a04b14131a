#!/usr/bin/env node
// The `assay` command: the built CLI. (In Assay's own repo, `turbo run build` makes it.)
import '../dist/bin.js';
