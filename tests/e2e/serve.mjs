// Tiny static server for end-to-end tests: serves DIST under the sub-path PREFIX (default /sitrep/),
// bound to 127.0.0.1 on a free port. Nothing else is served: this is how the app is hosted for real
// (any static host, any sub-path), so relative asset paths and hash routing get exercised.
//
// Library use:  const srv = await startServer({ root: 'dist', prefix: '/sitrep/' }); srv.url; await srv.close();
// Manual use:   node tests/e2e/serve.mjs [distDir] [port]   (prints the URL, Ctrl-C stops)
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function mimeFor(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * @param {{ root?: string, prefix?: string, port?: number, host?: string, log?: boolean }} [opts]
 * @returns {Promise<{ url: string, origin: string, port: number, requests: string[], close: () => Promise<void> }>}
 */
export async function startServer(opts = {}) {
  const root = path.resolve(opts.root ?? 'dist');
  let prefix = opts.prefix ?? '/sitrep/';
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const host = opts.host ?? '127.0.0.1';
  const requests = [];

  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) {
    throw new Error(`static root ${root} does not exist: build the app first (trunk build --release --public-url ./)`);
  }

  const server = createServer(async (req, res) => {
    const send = (code, body, headers = {}) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      requests.push(`${req.method} ${req.url}`);
      if (opts.log) console.error(`[serve] ${req.method} ${req.url}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { allow: 'GET, HEAD' });

      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      if (pathname === prefix.slice(0, -1)) return send(301, 'moved\n', { location: prefix });
      if (!pathname.startsWith(prefix)) return send(404, 'not found (the app lives under ' + prefix + ')\n');

      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(prefix.length));
      } catch {
        return send(400, 'bad path\n');
      }
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden\n');

      const st = await stat(file).catch(() => null);
      if (!st?.isFile()) return send(404, 'not found\n');
      res.writeHead(200, {
        'content-type': mimeFor(file),
        'content-length': st.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, `internal error: ${err?.message ?? err}\n`);
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://${host}:${port}`;
  return {
    url: origin + prefix,
    origin,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'dist';
  const port = process.argv[3] ? Number(process.argv[3]) : 0;
  const srv = await startServer({ root, port, log: true });
  console.log(`serving ${path.resolve(root)} at ${srv.url}`);
  const stop = async () => {
    await srv.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
