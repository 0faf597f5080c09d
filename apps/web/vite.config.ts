import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
/** pdfjs-dist as @xxgk/adapter-pdf resolves it: its CMaps and standard fonts must match its code. */
const pdfjsDir = dirname(createRequire(require.resolve('@xxgk/adapter-pdf/package.json')).resolve('pdfjs-dist/package.json'));
/** The pdfjs data folders served as static files, under `pdfjs/` of the site. */
const PDFJS_DATA = ['cmaps', 'standard_fonts'] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/**
 * pdfjs-dist's CMaps and standard fonts as static assets of the site (`pdfjs/cmaps/`,
 * `pdfjs/standard_fonts/`): served from node_modules by the dev server, copied by the build.
 * Nothing is fetched from a CDN.
 */
function pdfjsData(): Plugin {
  return {
    name: 'xxgk-pdfjs-data',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = decodeURIComponent((request.url ?? '').split('?')[0] ?? '');
        const match = /^\/pdfjs\/(cmaps|standard_fonts)\/([\w.-]+)$/.exec(path);
        const file = match ? join(pdfjsDir, match[1]!, match[2]!) : null;
        if (!file || !existsSync(file)) return next();
        response.setHeader('Content-Type', 'application/octet-stream');
        createReadStream(file).pipe(response);
      });
    },
    generateBundle() {
      for (const folder of PDFJS_DATA) {
        for (const name of filesUnder(join(pdfjsDir, folder))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(join(pdfjsDir, folder, name)) });
        }
      }
    },
  };
}

/**
 * A service worker that keeps every file of the build (the page, its code, pdfjs's worker,
 * CMaps and fonts) in the browser's cache once the page has loaded, so that the site keeps
 * working with the network off. Written after the build, listing what the build wrote; its
 * cache name is a hash of the files, so a new build replaces the old cache.
 */
function offlineCache(): Plugin {
  let outDir = '';
  return {
    name: 'xxgk-offline-cache',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    writeBundle() {
      const files = filesUnder(outDir).filter((name) => name !== 'sw.js' && !name.endsWith('.map'));
      const hash = createHash('sha256');
      for (const name of files) hash.update(name).update(readFileSync(join(outDir, name)));
      const version = hash.digest('hex').slice(0, 16);
      const source = readFileSync(new URL('./src/sw-template.js', import.meta.url), 'utf8')
        .replace("const CACHE = 'xxgk-web-dev';", `const CACHE = ${JSON.stringify(`xxgk-web-${version}`)};`)
        .replace("const FILES = ['./'];", `const FILES = ${JSON.stringify(['./', ...files])};`);
      writeFileSync(join(outDir, 'sw.js'), source);
      this.info?.(`sw.js: ${files.length} files for offline use (${relative(process.cwd(), outDir) || '.'})`);
    },
  };
}

export default defineConfig({
  // relative URLs: the built folder works from any path of any static server
  base: './',
  plugins: [pdfjsData(), offlineCache()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // pdfjs-dist and exceljs are large by nature; they load only when a PDF is read or a workbook written
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // pdfjs's worker is an .mjs file; served as .js, every static server sends it as
        // JavaScript (some map .mjs to application/octet-stream, and a module worker then fails)
        assetFileNames: (asset) => (asset.names.some((name) => name.endsWith('.mjs')) ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
