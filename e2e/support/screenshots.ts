import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the e2e tests leave their screenshots: an ignored folder, so that `npm test` never
 * rewrites committed files; `npm run screenshots:update` copies them into docs/screenshots.
 */
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

export const screenshotPath = (name: string): string => path.join(SCREENSHOT_DIR, name);
