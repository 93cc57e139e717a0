// Debian's Chromium, launched the way that works on a machine with no route to the
// internet (see shared notes): no sandbox as root, no background networking, and
// Playwright's --disable-features list minus ThirdPartyStoragePartitioning — VS Code's
// webviews live on another site (<uuid>.localhost) and need their own storage partition
// to register their service worker. Chromium honours only the last --disable-features.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CONVLAB_CHROMIUM ?? '/usr/bin/chromium';

const PLAYWRIGHT_DISABLED_FEATURES_BUT_PARTITIONING = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints', 'NetworkTimeServiceQuerying',
  'AimEnabled', 'PreconnectToSearch',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
  `--disable-features=${PLAYWRIGHT_DISABLED_FEATURES_BUT_PARTITIONING.join(',')}`,
];

export function assertChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with 'apt-get install -y chromium' (or set CONVLAB_CHROMIUM).`);
  }
}

/** Makes every chromium.launch() of this Playwright module use Debian's Chromium with the flags above. */
export function useDebianChromium(playwright) {
  assertChromium();
  const original = playwright.chromium.launch.bind(playwright.chromium);
  playwright.chromium.launch = (options = {}) =>
    original({ ...options, executablePath: CHROMIUM_PATH, args: [...(options.args ?? []), ...CHROMIUM_ARGS] });
}
