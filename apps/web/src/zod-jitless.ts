import { z } from 'zod/v4';

// The CSP allows no eval. Zod probes for it with `Function('')` as it builds each object
// schema, which the browser refuses and reports as a violation on every page: tell it not
// to try. vite.config.ts points the web build's 'zod' here, so this runs before any schema
// is built, however the bundle is split into chunks.
z.config({ jitless: true });

export * from 'zod/v4';
