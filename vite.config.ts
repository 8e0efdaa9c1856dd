import { fileURLToPath } from 'node:url';
import { defaultExclude, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The unit suite's two projects (test.projects below).
const SERVER_TESTS = ['apps/server/src/**/*.test.ts', 'fault/**/*.test.ts'];
const MOCKING_SERVER_TESTS = ['apps/server/src/auth/throttle-burst.test.ts'];

// The web app lives in apps/web; the server serves apps/web/dist in production and
// the dev server proxies the API and the socket to a locally running server.
const serverPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'apps/web',
  // In the browser, zod without its eval probe (the CSP forbids eval; see zod-jitless.ts).
  // Not under Vitest: the packages' and the server's tests run zod as the server does.
  resolve: { alias: process.env['VITEST'] ? [] : [{ find: /^zod$/, replacement: fileURLToPath(new URL('apps/web/src/zod-jitless.ts', import.meta.url)) }] },
  plugins: [
    react(),
    // The installable app (docs/leader.md): a manifest, icons, and a service worker that
    // keeps the app shell for offline starts. Only the leader's screen registers it.
    VitePWA({
      injectRegister: false,
      // A new version waits until the leader's tabs are closed: never a reload under a finger.
      registerType: 'prompt',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: '城市之窗 · City Window',
        short_name: '城市之窗',
        description: '城市运行一屏统览 · 领导决策',
        lang: 'zh-CN',
        // Each role lands on its own screen from "/" (a leader on /leader).
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#050d22',
        theme_color: '#050d22',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // ECharts' chunk is large; the shell must be complete offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The API, the live socket and the probes always go to the network.
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io/, /^\/healthz/, /^\/readyz/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        // What the leader's screen reads over HTTP, for a start without the server: the
        // network first, the last answer when it cannot be reached. Signing out deletes it
        // (apps/web/src/leader/offline.ts).
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/api\/v1\/(auth\/whoami|profile|catalogue|departments|metrics\/[^/]+\/history)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'cw-api', expiration: { maxEntries: 300, maxAgeSeconds: 7 * 86_400 } },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/socket.io': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Temporary files in memory when there is room (docs/testing.md).
    globalSetup: ['scripts/test-tmpdir.ts'],
    projects: [
      {
        // The server's files share one module graph per worker: evaluating the server's
        // modules again for each file took longer than most of their tests. A file that
        // mocks a module the others import (vi.mock) stays in the isolated project.
        extends: true,
        test: { name: 'server', include: SERVER_TESTS, exclude: [...defaultExclude, ...MOCKING_SERVER_TESTS], isolate: false },
      },
      {
        extends: true,
        test: { name: 'isolated', include: ['packages/*/src/**/*.test.ts', 'apps/!(server)/src/**/*.test.{ts,tsx}', ...MOCKING_SERVER_TESTS], isolate: true },
      },
    ],
  },
});
