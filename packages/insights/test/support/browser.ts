/** Debian's Chromium, driven by playwright-core: the real browser the dashboard is checked in. */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath = process.env.ASSAY_CHROMIUM ?? CANDIDATES.find((path) => existsSync(path));
