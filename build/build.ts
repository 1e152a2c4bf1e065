/**
 * Peel's build: four files in `dist/`, exactly what `clasp push` sends to Apps Script.
 *
 * - `Code.js`: the server, one classic script (Apps Script's V8 has no modules) with a top-level function for
 *   every export of the server entry.
 * - `Sidebar.html`: the sidebar with its JavaScript and CSS inlined (HtmlService serves one file; the iframe
 *   sandbox would need HTTPS for anything external, and Peel makes no external requests).
 * - `SidebarParts.html`: the sidebar's late part (the views a person opens rarely), which the sidebar asks the
 *   server for when one of them is first shown, so Sidebar.html stays small.
 * - `SidebarWords.html`: the translated catalogs as JSON by language; the server sends the person's with the
 *   sidebar's context (English is on the page).
 * - `appsscript.json`: the manifest, stamped for the chosen endpoint.
 *
 * Usage: `tsx build/build.ts [--vertex] [--vertex-location LOCATION] [--outdir DIR]`, or `PEEL_VERTEX=1`.
 * `--vertex-location` (implies `--vertex`, default `global`) decides the one Vertex AI host the manifest allows.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { minify as terserMinify } from 'terser';
import { DEFAULT_VERTEX_LOCATION, isVertexLocation, vertexHost } from '../src/core/gemini/endpoint';
import { PSEUDO, pseudoCatalog, SERVER_WORDS } from '../src/core/i18n';
import { TRANSLATIONS } from '../src/core/i18n/catalogs';
import { EN } from '../src/core/i18n/en';
import { EN_PARTS } from '../src/core/i18n/en-parts';
import { EN_SERVER } from '../src/core/i18n/en-server';
import { ENGLISH } from '../src/core/i18n/english';
import { SERVER_TRANSLATIONS } from '../src/core/i18n/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SERVER_ENTRY = path.join(root, 'src/server/rpc/index.ts');
export const SIDEBAR_ENTRY = path.join(root, 'sidebar/main.tsx');
export const SIDEBAR_TEMPLATE = path.join(root, 'sidebar/index.html');
export const MANIFEST = path.join(root, 'appsscript.json');
/** The IIFE's global. Not a function, so Apps Script lists nothing for it. */
export const BUNDLE_GLOBAL = 'Peel';

/** Extra manifest entries for the Vertex AI endpoint (organization projects, OAuth instead of a key). */
export const VERTEX_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
// Gemini 3 image models are served from the `global` location, whose host is this one.
export const VERTEX_URL_PREFIX = 'https://aiplatform.googleapis.com/';

/**
 * The allowlist entry for one Vertex AI location, from the same function the client builds its URLs with, so
 * the two cannot disagree. One explicit host, not `https://*.googleapis.com/`: the allowlist is what keeps a
 * changed script property from sending the user's token anywhere else.
 */
export function vertexUrlPrefix(location: string): string {
  if (!isVertexLocation(location)) {
    throw new Error(`"${location}" is not a Vertex AI location (global, us, eu, or a region such as us-central1)`);
  }
  return `${vertexHost(location)}/`;
}

export interface BuildOptions {
  readonly outdir: string;
  readonly vertex: boolean;
  /** The Vertex AI location the manifest allows; `global` when absent. */
  readonly vertexLocation?: string;
}

export interface BuildReport {
  readonly entryPoints: readonly string[];
  readonly files: Readonly<Record<string, number>>;
}

/** Names a top-level declaration must not take: the bundle's own global and what Apps Script defines. */
const RESERVED = new Set([
  BUNDLE_GLOBAL,
  'SlidesApp',
  'DocumentApp',
  'SpreadsheetApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'UrlFetchApp',
  'Utilities',
  'HtmlService',
  'ScriptApp',
  'Session',
  'Logger',
  'console',
  'MimeType',
  'Object',
  'Function',
  'Array',
  'JSON',
  'Math',
  'Error',
  'globalThis',
  'eval',
]);

export function checkEntryNames(names: readonly string[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (name.endsWith('_')) problems.push(`"${name}" ends in "_", which makes it private in Apps Script`);
    if (RESERVED.has(name)) problems.push(`"${name}" collides with a global of the same name`);
    if (seen.has(name)) problems.push(`"${name}" is exported twice`);
    seen.add(name);
    if (name === 'default') problems.push('a default export has no name Apps Script can call');
  }
  if (problems.length > 0) throw new Error(`Server entry exports cannot be exposed:\n- ${problems.join('\n- ')}`);
}

/** Forwarding declarations. Apps Script only sees `function name() {}` at the top level of a file. */
export function exposureStubs(names: readonly string[]): string {
  return names.map((name) => `function ${name}(){return ${BUNDLE_GLOBAL}.${name}(...arguments)}`).join('\n');
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The entry's export names, read from an ESM build of it: esbuild's metafile lists none for IIFE output. */
async function entryExports(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    outdir: 'unused',
    logLevel: 'silent',
    define: { PEEL_VERSION: '""', PEEL_VERTEX: 'false', PEEL_VERTEX_LOCATION: '""' },
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error(`esbuild reported no output for ${entry}`);
  return [...output.exports].sort();
}

export async function buildServer(
  outdir: string,
  vertex = false,
  entry = SERVER_ENTRY,
  vertexLocation = DEFAULT_VERTEX_LOCATION,
): Promise<{ code: string; names: string[] }> {
  if (vertex) vertexUrlPrefix(vertexLocation);
  const names = await entryExports(entry);
  checkEntryNames(names);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    // Apps Script's V8 runs modern syntax; es2020 keeps clear of engine-version surprises.
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    // Apps Script evaluates the whole file at the start of every execution, so its size is paid each time: it is
    // minified whole (a third smaller than with its names kept, and that much less to evaluate per call). A
    // logged stack names minified functions; dist/Code.js.map (never pushed: clasp sends .js, .html and .json)
    // turns its line and column back into Peel's source (README: reading a logged stack).
    minify: true,
    sourcemap: 'external',
    outfile: 'Code.js',
    define: {
      PEEL_VERSION: JSON.stringify(await version()),
      PEEL_VERTEX: String(vertex),
      PEEL_VERTEX_LOCATION: JSON.stringify(vertex ? vertexLocation : ''),
    },
    logLevel: 'silent',
  });
  const built = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const builtMap = result.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '';
  // A second pass, as the sidebar's with one of its assumptions (a function expression that uses neither `this`
  // nor `arguments` may become an arrow: none is called with `new`; classes stay classes): Terser packs the server
  // about 2% smaller than esbuild alone, paid at every execution's evaluation; its map is composed with esbuild's,
  // so a logged stack still reads back to Peel's source.
  const packed = await terserMinify(built, {
    // hoist_funs: declarations move to the top of their scope, where JavaScript hoists them anyway; it lets
    // Terser fold the `var`s and calls around them more tightly.
    compress: { passes: 3, unsafe_arrows: true, hoist_funs: true },
    mangle: true,
    ecma: 2020,
    format: { comments: false },
    sourceMap: { content: builtMap, filename: 'Code.js' },
  });
  if (packed.code === undefined) throw new Error('Terser returned no code for the server');
  const bundle = packed.code;
  const map = typeof packed.map === 'string' ? packed.map : JSON.stringify(packed.map ?? {});
  const code = `${bundle}\n${exposureStubs(names)}\n`;
  await mkdir(outdir, { recursive: true });
  await writeFile(path.join(outdir, 'Code.js'), code);
  await writeFile(path.join(outdir, 'Code.js.map'), map);
  return { code, names };
}

/** `</script` inside inlined JavaScript would end the script element early. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * A second pass over esbuild's minified sidebar: Terser names variables so that the same short names recur in
 * the same places, which gzip rewards (about 1.2 KB less gzipped than esbuild alone), and folds a little more.
 * The sidebar only: the server is minified by esbuild alone (its stacks are read back with its source map).
 *
 * Three passes, and three assumptions that hold for the sidebar and Preact (about 0.15 KB less gzipped):
 * reading a property has no side effect (no getter is read for its effect), a function expression that uses
 * neither `this` nor `arguments` may become an arrow (none is called with `new`), and the `unsafe` folds of
 * built-ins nobody here replaces.
 */
async function smaller(js: string): Promise<string> {
  const result = await terserMinify(js, {
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe: true },
    mangle: true,
    ecma: 2020,
    format: { comments: false },
  });
  if (result.code === undefined) throw new Error('Terser returned no code for the sidebar');
  return result.code;
}

/** The sidebar's late part (sidebar/app/parts.ts): the views a person opens rarely, fetched when first shown. */
export const SIDEBAR_PARTS_ENTRY = path.join(root, 'sidebar/app/parts.ts');
export const SIDEBAR_PARTS_FILE = 'SidebarParts.html';
/** The global the part's script leaves its exports on (sidebar/kernel/late.ts reads it through a define). */
const PART_GLOBAL = 'PeelPart';
/** The global through which the sidebar lends the part the modules it must not copy. */
const SHARED_GLOBAL = 'PeelShared';

/** What both sidebar bundles are built with. */
const sidebarOptions: esbuild.BuildOptions = {
  bundle: true,
  format: 'iife',
  target: ['chrome111', 'firefox115', 'safari16'],
  platform: 'browser',
  minify: true,
  write: false,
  outdir: 'unused',
  // Classic h() calls, injected where JSX needs them: about 1% smaller gzipped than the automatic runtime's
  // jsx() calls with a children array each (the type-checker still reads JSX as preact's automatic runtime).
  jsx: 'transform',
  jsxFactory: 'h',
  jsxFragment: 'Fragment',
  inject: [path.join(root, 'build/sidebar-jsx.ts')],
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
};

/**
 * The sidebar's catalog keys become numbers: `t('insert')` is `t(57)` and the English catalog an array in key
 * order, as is each catalog in SidebarWords.html (buildWords), so the page carries no key twice. A key is a
 * string literal that a `t(` or `tWith(` call's first argument gives as its value (`t(a ? 'x' : 'y')`, not
 * `a === 'x'`).
 */
const WORD_KEYS = Object.keys(ENGLISH);
export const catalogArray = (catalog: Readonly<Record<string, unknown>>) => WORD_KEYS.map((key) => catalog[key]);

export function numberedKeys(source: string, file: string): string {
  return source.replace(/\b(t|tWith)\(([^()]*?)(?=[,)])/g, (_call, name: string, argument: string) => {
    const numbered = argument.replace(/(^\s*|[?:]\s*)'(\w+)'/g, (_whole, before: string, key: string) => {
      const index = WORD_KEYS.indexOf(key);
      if (index < 0) throw new Error(`${file}: t('${key}') names no key of src/core/i18n/en.ts`);
      return `${before}${index}`;
    });
    return `${name}(${numbered}`;
  });
}

const numberWords: esbuild.Plugin = {
  name: 'peel-words',
  setup(build) {
    // The page's English, then the part's, each an array of its values: together they are English in key order.
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]i18n[\\/]en\.ts$/ }, () => ({
      contents: `export const EN = ${JSON.stringify(Object.values(EN))};`,
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]i18n[\\/]en-parts\.ts$/ }, () => ({
      contents: `export const EN_PARTS = ${JSON.stringify(Object.values(EN_PARTS))};`,
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]sidebar[\\/].*\.tsx?$/ }, async (args) => ({
      contents: numberedKeys(await readFile(args.path, 'utf8'), args.path),
      loader: args.path.endsWith('x') ? 'tsx' : 'ts',
    }));
  },
};

/** The text of the output file of a build (`write: false`) that ends in `ext`, or empty. */
const outputText = (result: esbuild.BuildResult, ext: string) =>
  result.outputFiles?.find((f) => f.path.endsWith(ext))?.text ?? '';

const sharedKey = (file: string) => path.relative(root, file).split(path.sep).join('/');

/**
 * Whether the part borrows a module from the sidebar rather than carrying its own copy: preact, whose hooks
 * reach the component being drawn through its one renderer, and the sidebar's words (kernel/words.ts), which
 * hold the language the server named (a copy would speak English). Everything else the part uses is pure
 * (views, formatting, state helpers), so a copy behaves as the original; a module with state of its own, or
 * whose class identity matters (`instanceof`), would have to be lent here too.
 */
const WORDS_MODULE = path.join('sidebar', 'kernel', 'words.ts');
const lends = (file: string) =>
  file.includes(`${path.sep}node_modules${path.sep}preact${path.sep}`) || file.endsWith(WORDS_MODULE);

/** Resolves each import of the part: a lent module comes from the sidebar's page, anything else is bundled. */
function lendFrom(lent: Lent[] | null): esbuild.Plugin {
  return {
    name: 'peel-lend',
    setup(build) {
      // A lent module is its names, read from the sidebar's list of what it lends.
      build.onLoad({ filter: /.*/, namespace: 'peel-lent' }, (args) => {
        const index = lent?.findIndex((l) => l.key === args.path) ?? -1;
        const names = lent?.[index]?.names;
        if (!names) throw new Error(`The sidebar lends nothing from ${args.path}`);
        return {
          contents: `export const { ${names.join(', ')} } = globalThis.${SHARED_GLOBAL}[${index}];`,
          loader: 'js',
        };
      });
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'peel-lend') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'peel-lend',
        });
        if (resolved.errors.length > 0 || !lends(resolved.path)) return resolved;
        const key = sharedKey(resolved.path);
        return lent ? { path: key, namespace: 'peel-lent' } : { path: key, external: true };
      });
    },
  };
}

/** A module the sidebar lends the part: its path from the root, and the names the part imports from it. */
interface Lent {
  readonly key: string;
  readonly names: readonly string[];
}

/** What the part imports from each lent module, read from an ESM build of the part with them external. */
async function borrowed(): Promise<Lent[]> {
  const probe = await esbuild.build({
    ...sidebarOptions,
    entryPoints: [SIDEBAR_PARTS_ENTRY],
    format: 'esm',
    minify: false,
    plugins: [lendFrom(null), numberWords],
  });
  const code = outputText(probe, '.js');
  const names = new Map<string, Set<string>>();
  for (const line of code.matchAll(/^import\s*(\{[^}]*\}|[^;{]*?)\s*from\s*"([^"]+)";/gm)) {
    const [, clause = '', key = ''] = line;
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    if (!named)
      throw new Error(`The sidebar's late part imports ${clause} from ${key}: only named imports can be lent`);
    const set = names.get(key) ?? new Set<string>();
    for (const item of (named[1] ?? '').split(',')) {
      const name = item.trim().split(/\s+as\s+/)[0];
      if (name) set.add(name);
    }
    names.set(key, set);
  }
  return [...names].map(([key, set]) => ({ key, names: [...set].sort() }));
}

/**
 * The sidebar in two bundles. The first, inlined into Sidebar.html, is all a person needs to generate, edit and
 * insert; the late part (Settings, a deck job's plan and review, the style editor, and their styles) is written
 * to SidebarParts.html, which the server hands over when one of those views is first shown. The part borrows
 * preact from the first bundle through one global, and both carry the part's id, so a sidebar refuses a part
 * from another build.
 */
export async function buildSidebar(outdir: string): Promise<{ html: string; parts: string }> {
  const lent = await borrowed();

  const partBuild = await esbuild.build({
    ...sidebarOptions,
    entryPoints: [SIDEBAR_PARTS_ENTRY],
    globalName: PART_GLOBAL,
    plugins: [lendFrom(lent), numberWords],
  });
  const part = await smaller(outputText(partBuild, '.js'));
  const partCss = outputText(partBuild, '.css').trim();
  // The sidebar finds the part's styles up to the first `<` (sidebar/kernel/late.ts).
  if (partCss.includes('<')) throw new Error('The late part\'s CSS must not contain "<"');
  const partId = createHash('sha256').update(partCss).update(part).digest('hex').slice(0, 16);

  // The sidebar's entry, and the modules it lends the part (by the names the part uses), in the part's order.
  const entry = [
    `import ${JSON.stringify(SIDEBAR_ENTRY)};`,
    ...lent.map(
      ({ key, names }, i) =>
        `import { ${names.map((n) => `${n} as lent${i}_${n}`).join(', ')} } from ${JSON.stringify(path.join(root, key))};`,
    ),
    `globalThis.${SHARED_GLOBAL} = [`,
    ...lent.map(({ names }, i) => `  { ${names.map((n) => `${n}: lent${i}_${n}`).join(', ')} },`),
    '];',
  ].join('\n');
  const result = await esbuild.build({
    ...sidebarOptions,
    stdin: { contents: entry, resolveDir: root, loader: 'js', sourcefile: 'sidebar-entry.js' },
    plugins: [numberWords],
    define: {
      ...sidebarOptions.define,
      PEEL_PART_ID: JSON.stringify(partId),
      PEEL_PART_GLOBAL: JSON.stringify(PART_GLOBAL),
    },
  });
  const js = await smaller(outputText(result, '.js'));
  const css = outputText(result, '.css');
  const template = await readFile(SIDEBAR_TEMPLATE, 'utf8');
  if (!template.includes('<!-- inline:css -->') || !template.includes('<!-- inline:js -->')) {
    throw new Error('sidebar/index.html must contain <!-- inline:css --> and <!-- inline:js -->');
  }
  // Replacer functions: the bundle may contain `$&`-like sequences that a replacement string would expand.
  const html = template
    .replace('<!-- inline:css -->', () => `<style>${css.trim()}</style>`)
    .replace('<!-- inline:js -->', () => `<script>${inlineScript(js.trim())}</script>`);
  await mkdir(outdir, { recursive: true });
  await writeFile(path.join(outdir, 'Sidebar.html'), html);
  const parts = `<style data-peel-part="${partId}">${partCss}</style><script>${inlineScript(part.trim())}</script>\n`;
  await writeFile(path.join(outdir, SIDEBAR_PARTS_FILE), parts);
  return { html, parts };
}

interface Manifest {
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  [key: string]: unknown;
}

export function stampManifest(
  source: Manifest,
  vertex: boolean,
  vertexLocation: string = DEFAULT_VERTEX_LOCATION,
): Manifest {
  if (!vertex) return source;
  const add = (list: string[] | undefined, item: string) => (list?.includes(item) ? list : [...(list ?? []), item]);
  return {
    ...source,
    oauthScopes: add(source.oauthScopes, VERTEX_SCOPE),
    urlFetchWhitelist: add(source.urlFetchWhitelist, vertexUrlPrefix(vertexLocation)),
  };
}

export async function buildManifest(
  outdir: string,
  vertex: boolean,
  vertexLocation: string = DEFAULT_VERTEX_LOCATION,
): Promise<Manifest> {
  const manifest = stampManifest(JSON.parse(await readFile(MANIFEST, 'utf8')) as Manifest, vertex, vertexLocation);
  await mkdir(outdir, { recursive: true });
  await writeFile(path.join(outdir, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export const WORDS_FILE = 'SidebarWords.html';

/**
 * The translated catalogs and the pseudo-locale's, one JSON object by language: the server picks the person's
 * (platform/words.ts). Under `server`, the server's own sentences by language, keyed (Code.js names them).
 */
export async function buildWords(outdir: string): Promise<string> {
  const all = { ...TRANSLATIONS, [PSEUDO]: pseudoCatalog(ENGLISH) };
  const sidebar = Object.fromEntries(Object.entries(all).map(([l, c]) => [l, catalogArray(c)]));
  const server = { ...SERVER_TRANSLATIONS, [PSEUDO]: pseudoCatalog(EN_SERVER) };
  const text = `${JSON.stringify({ ...sidebar, [SERVER_WORDS]: server })}\n`;
  await mkdir(outdir, { recursive: true });
  await writeFile(path.join(outdir, WORDS_FILE), text);
  return text;
}

export async function build(options: BuildOptions): Promise<BuildReport> {
  const [server, sidebar, words] = await Promise.all([
    buildServer(options.outdir, options.vertex, SERVER_ENTRY, options.vertexLocation),
    buildSidebar(options.outdir),
    buildWords(options.outdir),
    buildManifest(options.outdir, options.vertex, options.vertexLocation),
  ]);
  return {
    entryPoints: server.names,
    files: {
      'Code.js': Buffer.byteLength(server.code),
      'Sidebar.html': Buffer.byteLength(sidebar.html),
      [SIDEBAR_PARTS_FILE]: Buffer.byteLength(sidebar.parts),
      [WORDS_FILE]: Buffer.byteLength(words),
    },
  };
}

export function parseArgs(argv: readonly string[]): BuildOptions {
  let outdir = path.join(root, 'dist');
  let vertex = process.env.PEEL_VERTEX === '1';
  let vertexLocation = DEFAULT_VERTEX_LOCATION;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--vertex') vertex = true;
    else if (arg === '--vertex-location') {
      vertex = true;
      vertexLocation = argv[++i] ?? '';
      vertexUrlPrefix(vertexLocation);
    } else if (arg === '--outdir') outdir = path.resolve(argv[++i] ?? 'dist');
    else throw new Error(`Unknown option ${arg}. Usage: build [--vertex] [--vertex-location LOCATION] [--outdir DIR]`);
  }
  return { outdir, vertex, vertexLocation };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  build(options).then(
    (report) => {
      const sizes = Object.entries(report.files).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`);
      console.log(`Built ${path.relative(process.cwd(), options.outdir) || '.'}: ${sizes.join(', ')}`);
      console.log(
        `Entry points: ${report.entryPoints.join(', ')}${options.vertex ? ` (Vertex AI manifest, location ${options.vertexLocation})` : ''}`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
