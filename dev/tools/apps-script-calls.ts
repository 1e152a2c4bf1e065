/**
 * Which Apps Script methods Peel's bundle calls, and which of them the local runtime implements.
 *
 * The minified dist/Code.js has no types left (esbuild keeps property names, but `getText` alone could be any of
 * forty classes), so the calls are found by the type checker over exactly the files the bundle was made from:
 * the sources its source map lists, and within them only the functions the bundle kept code from (esbuild
 * drops code nothing reaches). A property access counts when the checker resolves it to a declaration in
 * @types/google-apps-script; its class is the interface that declares it (a call through a union counts for
 * every member of the union, since either may answer at run time).
 *
 * The runtime's side comes from the same checker: every class under dev/runtime that `implements` an
 * @types interface (usually `Pick<GoogleAppsScript.Slides.Shape, 'getText' | …>`) implements the members that
 * resolve to @types declarations.
 *
 *   npx tsx dev/tools/apps-script-calls.ts            # the methods the bundle calls, and where
 *   npx tsx dev/tools/apps-script-calls.ts --missing  # only those the runtime lacks
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type __String, type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import { API, type Project, SymbolFlags, type Symbol as TsSymbol, type Type } from 'typescript/unstable/sync';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where @types/google-apps-script's declarations are, in the checker's (forward-slash) paths. */
const TYPES_PATH = '/@types/google-apps-script/';

/** The global a script reaches each @types namespace through, for names a developer recognises. */
const SERVICE: Readonly<Record<string, string>> = {
  Slides: 'SlidesApp',
  Document: 'DocumentApp',
  Properties: 'PropertiesService',
  Cache: 'CacheService',
  Lock: 'LockService',
  URL_Fetch: 'UrlFetchApp',
  Script: 'ScriptApp',
  HTML: 'HtmlService',
  Utilities: 'Utilities',
  Base: 'Base',
};

/** The folder of each service's classes in Google's reference. */
const REFERENCE_FOLDER: Readonly<Record<string, string>> = {
  SlidesApp: 'slides',
  DocumentApp: 'document',
  PropertiesService: 'properties',
  CacheService: 'cache',
  LockService: 'lock',
  UrlFetchApp: 'url-fetch',
  ScriptApp: 'script',
  HtmlService: 'html',
  Utilities: 'utilities',
  Base: 'base',
};

/** Google's reference page for a method: `SlidesApp.Shape.getText` → …/slides/shape#getText(). */
export function referenceUrl(key: string): string {
  const [service = '', className = '', method = ''] = key.split('.');
  if (service === 'global') return 'https://developers.google.com/apps-script/guides/logging';
  const page = className.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
  return `https://developers.google.com/apps-script/reference/${REFERENCE_FOLDER[service] ?? service.toLowerCase()}/${page}#${method}()`;
}

/** One method of one Apps Script class: `SlidesApp.Shape.getText`. */
export interface AppsScriptMethod {
  /** `SlidesApp.Shape.getText` */
  readonly key: string;
  /** `SlidesApp`, or the @types namespace when no single global stands for it. */
  readonly service: string;
  /** The @types interface's qualified name: `GoogleAppsScript.Slides.Shape`. */
  readonly typeName: string;
  readonly className: string;
  readonly method: string;
}

export interface CallSite extends AppsScriptMethod {
  /** Repository-relative `src/server/platform/slides.ts:42:17` (1-based line and column). */
  readonly sites: readonly string[];
}

export interface RuntimeClass {
  /** `FakeShape` */
  readonly name: string;
  /** `dev/runtime/slides/elements.ts` */
  readonly file: string;
  /** The @types interfaces its `implements` clause names: `GoogleAppsScript.Slides.Shape`. */
  readonly interfaces: readonly string[];
  /** The Apps Script methods it declares it implements, by key. */
  readonly methods: readonly string[];
}

export interface Fidelity {
  /** Every Apps Script method the bundle calls, sorted by key. */
  readonly calls: readonly CallSite[];
  /** Every Apps Script enum value the bundle reads (`SlidesApp.PredefinedLayout.BLANK`), sorted by key. */
  readonly enumReads: readonly CallSite[];
  /** The runtime classes that implement an @types interface. */
  readonly runtime: readonly RuntimeClass[];
  /** key → the runtime classes implementing it. */
  readonly implementedBy: ReadonlyMap<string, readonly string[]>;
  /** Every method @types declares for SlidesApp and DocumentApp, for the coverage figure. */
  readonly slidesAndDocs: readonly AppsScriptMethod[];
  /** The bundle's sources the checker read (repository-relative). */
  readonly bundleSources: readonly string[];
}

// --- The bundle's source map -------------------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source lines (0-based) each source of a v3 source map has code from in the generated file. */
export function mappedLines(map: { sources: string[]; mappings: string }): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>(map.sources.map((source) => [source, new Set<number>()]));
  const fields = [0, 0, 0, 0, 0];
  for (const line of map.mappings.split(';')) {
    fields[0] = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        if (digit < 0) throw new Error(`Source map mapping "${segment}" is not base64 VLQ`);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      values.forEach((delta, i) => {
        fields[i] = (fields[i] ?? 0) + delta;
      });
      if (values.length >= 4) {
        const source = map.sources[fields[1] ?? -1];
        if (source !== undefined) lines.get(source)?.add(fields[2] ?? 0);
      }
    }
  }
  return lines;
}

/** Repository-relative source file → the lines the bundle kept, from dist/Code.js.map. */
function bundleLines(dist: string): Map<string, Set<number>> {
  const mapFile = path.join(dist, 'Code.js.map');
  if (!existsSync(mapFile)) throw new Error(`${path.relative(ROOT, mapFile)} is missing: run \`npm run build\` first`);
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const byFile = new Map<string, Set<number>>();
  for (const [source, lines] of mappedLines(map)) {
    // esbuild writes the sources relative to where the build ran (the repository), not to dist/.
    const relative = source.replace(/^file:\/\//, '');
    const absolute = existsSync(path.resolve(ROOT, relative))
      ? path.resolve(ROOT, relative)
      : path.resolve(dist, relative);
    byFile.set(path.relative(ROOT, absolute).split(path.sep).join('/'), lines);
  }
  return byFile;
}

// --- The checker ---------------------------------------------------------------------------------------------

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  node.forEachChild((child) => {
    walk(child, visit);
  });
}

function nameText(node: Node | undefined): string | undefined {
  const name = (node as { name?: { text?: unknown } } | undefined)?.name;
  return typeof name?.text === 'string' ? name.text : undefined;
}

/** The enclosing namespaces of a declaration, outermost first: `['GoogleAppsScript', 'Slides']`. */
function namespaces(node: Node): string[] {
  const spaces: string[] = [];
  for (let p: Node | undefined = node.parent; p; p = p.parent) {
    if (p.kind === SyntaxKind.ModuleDeclaration) spaces.unshift(nameText(p) ?? '?');
  }
  return spaces;
}

/** `GoogleAppsScript.Slides.Shape` for the symbol of an interface @types declares. */
function interfaceName(symbol: TsSymbol, project: Project): string | undefined {
  const declaration = symbol.declarations.find((d) => d.path.includes(TYPES_PATH));
  const node = declaration?.resolve(project);
  if (!node || node.kind !== SyntaxKind.InterfaceDeclaration) return undefined;
  return [...namespaces(node), nameText(node)].join('.');
}

/**
 * The Apps Script methods a symbol stands for: each declaration that is a method of an @types interface.
 * Properties (the enums `SlidesApp.PlaceholderType`) and enum members are left out: they are data the runtime
 * copies, not calls it models.
 */
function methodsOf(symbol: TsSymbol, project: Project): AppsScriptMethod[] {
  // A member of `Pick<…>` or another mapped type is a property whose declaration is the interface's method.
  if (!(symbol.flags & (SymbolFlags.Method | SymbolFlags.Property))) return [];
  const found: AppsScriptMethod[] = [];
  for (const declaration of symbol.declarations) {
    if (!declaration.path.includes(TYPES_PATH)) continue;
    const node = declaration.resolve(project);
    if (!node || node.kind !== SyntaxKind.MethodSignature) continue;
    const owner = node.parent;
    const className = nameText(owner);
    if (!className || owner.kind !== SyntaxKind.InterfaceDeclaration) continue;
    const spaces = namespaces(owner);
    const namespace = spaces[0] === 'GoogleAppsScript' ? spaces.slice(1).join('.') : spaces.join('.');
    const service = SERVICE[namespace] ?? (namespace || 'global');
    const method = symbol.name;
    found.push({
      key: `${service}.${className}.${method}`,
      service,
      typeName: [...spaces, className].join('.'),
      className,
      method,
    });
  }
  return found;
}

/**
 * The enum values a symbol stands for (`SlidesApp.PredefinedLayout.BLANK`): not calls, but the runtime must
 * expose each on its service with the value Apps Script gives (which prints as its name).
 */
function enumMembersOf(symbol: TsSymbol, project: Project): AppsScriptMethod[] {
  if (!(symbol.flags & SymbolFlags.EnumMember)) return [];
  const found: AppsScriptMethod[] = [];
  for (const declaration of symbol.declarations) {
    if (!declaration.path.includes(TYPES_PATH)) continue;
    const node = declaration.resolve(project);
    const owner = node?.parent;
    const enumName = nameText(owner);
    if (!node || node.kind !== SyntaxKind.EnumMember || !owner || !enumName) continue;
    const spaces = namespaces(owner);
    const namespace = spaces[0] === 'GoogleAppsScript' ? spaces.slice(1).join('.') : spaces.join('.');
    const service = SERVICE[namespace] ?? (namespace || 'global');
    found.push({
      key: `${service}.${enumName}.${symbol.name}`,
      service,
      typeName: [...spaces, enumName].join('.'),
      className: enumName,
      method: symbol.name,
    });
  }
  return found;
}

/** 0-based line of an offset. */
function lineOf(file: SourceFile, offset: number): number {
  let line = 0;
  for (let i = file.text.indexOf('\n'); i !== -1 && i < offset; i = file.text.indexOf('\n', i + 1)) line++;
  return line;
}

function position(file: SourceFile, offset: number): string {
  const line = lineOf(file, offset);
  return `${line + 1}:${offset - (file.text.lastIndexOf('\n', offset - 1) + 1) + 1}`;
}

const FUNCTION_LIKE = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

/**
 * Whether the bundle kept the code around `node`. esbuild drops whole top-level declarations nothing reaches,
 * and a minified line maps back to some source lines and not others, so the test is by the innermost enclosing
 * function (or top-level statement): kept when any line of it has code in the bundle.
 */
function inBundle(file: SourceFile, node: Node, kept: ReadonlySet<number>): boolean {
  let scope = node;
  while (scope.parent && !FUNCTION_LIKE.has(scope.kind) && scope.parent.kind !== SyntaxKind.SourceFile) {
    scope = scope.parent;
  }
  const first = lineOf(file, scope.getStart(file));
  const last = lineOf(file, scope.end);
  for (let line = first; line <= last; line++) if (kept.has(line)) return true;
  return false;
}

function findCalls(project: Project, lines: Map<string, Set<number>>): { calls: CallSite[]; enumReads: CallSite[] } {
  const calls = new Map<string, { method: AppsScriptMethod; sites: string[] }>();
  const enumReads = new Map<string, { method: AppsScriptMethod; sites: string[] }>();
  for (const [file, kept] of lines) {
    if (!file.endsWith('.ts')) continue;
    const source = project.program.getSourceFile(path.join(ROOT, file));
    if (!source) continue;
    const names: Node[] = [];
    walk(source, (node) => {
      if (node.kind === SyntaxKind.PropertyAccessExpression) names.push((node as unknown as { name: Node }).name);
      else if (node.kind === SyntaxKind.ElementAccessExpression) {
        const argument = (node as unknown as { argumentExpression: Node }).argumentExpression;
        if (argument.kind === SyntaxKind.StringLiteral) names.push(argument);
      }
    });
    if (names.length === 0) continue;
    const symbols = project.checker.getSymbolAtLocation(names);
    symbols.forEach((symbol, i) => {
      const name = names[i];
      if (!symbol || !name) return;
      const start = name.getStart(source);
      const at = position(source, start);
      // Code esbuild left out of the bundle (nothing reaches it) is no call Peel makes.
      if (!inBundle(source, name, kept)) return;
      const record = (into: typeof calls, method: AppsScriptMethod) => {
        const entry = into.get(method.key) ?? { method, sites: [] };
        // An overloaded method has a declaration per overload: one site, however many.
        if (!entry.sites.includes(`${file}:${at}`)) entry.sites.push(`${file}:${at}`);
        into.set(method.key, entry);
      };
      for (const method of methodsOf(symbol, project)) record(calls, method);
      for (const value of enumMembersOf(symbol, project)) record(enumReads, value);
    });
  }
  const sorted = (found: typeof calls) =>
    [...found.values()].map(({ method, sites }) => ({ ...method, sites })).sort((a, b) => a.key.localeCompare(b.key));
  return { calls: sorted(calls), enumReads: sorted(enumReads) };
}

function findRuntimeClasses(project: Project): RuntimeClass[] {
  const classes: RuntimeClass[] = [];
  const runtimeDir = path.join(ROOT, 'dev/runtime');
  for (const fileName of project.program.getSourceFileNames()) {
    if (!fileName.startsWith(runtimeDir) || fileName.endsWith('.test.ts')) continue;
    const source = project.program.getSourceFile(fileName);
    if (!source) continue;
    walk(source, (node) => {
      if (node.kind !== SyntaxKind.ClassDeclaration) return;
      const clauses = (node as unknown as { heritageClauses?: readonly Node[] }).heritageClauses ?? [];
      const implemented = clauses
        .filter((clause) => (clause as unknown as { token: SyntaxKind }).token === SyntaxKind.ImplementsKeyword)
        .flatMap((clause) => [...(clause as unknown as { types: readonly Node[] }).types]);
      if (implemented.length === 0) return;
      const methods = new Set<string>();
      for (const type of project.checker.getTypeAtLocation(implemented)) {
        if (!type) continue;
        const members = [type, ...(type.isIntersectionType() ? (type.getTypes() ?? []) : [])];
        for (const member of members) {
          for (const property of project.checker.getPropertiesOfType(member)) {
            for (const method of methodsOf(property, project)) methods.add(method.key);
          }
        }
      }
      if (methods.size === 0) return;
      // The interfaces named inside the clause (`Remoted<Pick<GShape, …>>` names Shape): what the class stands for.
      const references: Node[] = [];
      for (const clause of implemented) {
        walk(clause, (inner) => {
          if (inner.kind === SyntaxKind.TypeReference || inner.kind === SyntaxKind.ExpressionWithTypeArguments) {
            references.push(inner);
          }
        });
      }
      const interfaces = new Set<string>();
      for (const type of project.checker.getTypeAtLocation(references)) {
        const symbol = type?.getSymbol();
        const name = symbol ? interfaceName(symbol, project) : undefined;
        if (name) interfaces.add(name);
      }
      classes.push({
        name: nameText(node) ?? '(anonymous)',
        file: path.relative(ROOT, fileName).split(path.sep).join('/'),
        interfaces: [...interfaces].sort(),
        methods: [...methods].sort(),
      });
    });
  }
  return classes.sort((a, b) => a.name.localeCompare(b.name));
}

/** The declared type of an @types interface, `GoogleAppsScript.Document.Paragraph`. */
function interfaceType(project: Project, typeName: string): Type | undefined {
  const [first, ...rest] = typeName.split('.');
  let symbol = first ? project.checker.resolveName(first, SymbolFlags.Namespace | SymbolFlags.Interface) : undefined;
  for (const part of rest) symbol = symbol?.getExports().get(part as __String);
  return symbol ? project.checker.getDeclaredTypeOfSymbol(symbol) : undefined;
}

/**
 * Apps Script answers with the concrete class where @types names a general one: `getParent()` is typed
 * `ContainerElement` and returns the Body, Paragraph or TableCell itself, so a call of `ContainerElement.getType`
 * is answered by whichever of those the runtime returns. Such a call counts as implemented by each runtime class
 * that stands for an @types interface assignable to the general one and implements a method of that name.
 */
function addSubtypes(
  project: Project,
  calls: readonly CallSite[],
  runtime: readonly RuntimeClass[],
  implementedBy: Map<string, string[]>,
): void {
  const types = new Map<string, Type | undefined>();
  const typeOf = (name: string) => {
    if (!types.has(name)) types.set(name, interfaceType(project, name));
    return types.get(name);
  };
  for (const call of calls) {
    if (implementedBy.has(call.key)) continue;
    const general = typeOf(call.typeName);
    if (!general) continue;
    const classes: string[] = [];
    for (const cls of runtime) {
      if (!cls.methods.some((key) => key.startsWith(`${call.service}.`) && key.endsWith(`.${call.method}`))) continue;
      const standsFor = cls.interfaces.find((name) => {
        const specific = typeOf(name);
        return specific !== undefined && project.checker.isTypeAssignableTo(specific, general);
      });
      if (standsFor) classes.push(`${cls.name} (as ${standsFor.split('.').pop()})`);
    }
    if (classes.length > 0) implementedBy.set(call.key, classes.sort());
  }
}

/** Every method @types declares on an interface of the given namespaces (overloads once). */
function typesMethods(project: Project, files: readonly string[]): AppsScriptMethod[] {
  const methods = new Map<string, AppsScriptMethod>();
  for (const fileName of files) {
    const source = project.program.getSourceFile(fileName);
    if (!source) throw new Error(`@types/google-apps-script has no ${path.basename(fileName)}`);
    const names: Node[] = [];
    walk(source, (node) => {
      if (node.kind === SyntaxKind.MethodSignature && node.parent.kind === SyntaxKind.InterfaceDeclaration) {
        names.push((node as unknown as { name: Node }).name);
      }
    });
    project.checker.getSymbolAtLocation(names).forEach((symbol) => {
      if (!symbol) return;
      for (const method of methodsOf(symbol, project)) methods.set(method.key, method);
    });
  }
  return [...methods.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Reads the bundle's source map and runs the checker over Peel's server and the runtime. Takes a few seconds:
 * the checker is TypeScript's own (tsgo), run as a child process through its API.
 */
export function readFidelity(options: { dist?: string } = {}): Fidelity {
  const dist = options.dist ?? path.join(ROOT, 'dist');
  const lines = bundleLines(dist);
  const api = new API({ cwd: ROOT });
  try {
    const snapshot = api.updateSnapshot({
      openProjects: [path.join(ROOT, 'tsconfig.server.json'), path.join(ROOT, 'dev/tsconfig.json')],
    });
    const server = snapshot.getProject(path.join(ROOT, 'tsconfig.server.json'));
    const dev = snapshot.getProject(path.join(ROOT, 'dev/tsconfig.json'));
    if (!server || !dev) throw new Error('the TypeScript API did not load tsconfig.server.json and dev/tsconfig.json');
    // src/core is left to its own project: it is compiled without the Apps Script types, so it cannot call them.
    const missingFromChecker = [...lines.keys()].filter(
      (file) =>
        file.startsWith('src/') &&
        !file.startsWith('src/core/') &&
        !server.program.getSourceFile(path.join(ROOT, file)),
    );
    if (missingFromChecker.length > 0) {
      throw new Error(`tsconfig.server.json does not include bundled files: ${missingFromChecker.join(', ')}`);
    }
    const { calls, enumReads } = findCalls(server, lines);
    const runtime = findRuntimeClasses(dev);
    const implementedBy = new Map<string, string[]>();
    for (const cls of runtime) {
      for (const key of cls.methods) implementedBy.set(key, [...(implementedBy.get(key) ?? []), cls.name]);
    }
    addSubtypes(dev, calls, runtime, implementedBy);
    const typesDir = path.join(ROOT, 'node_modules/@types/google-apps-script');
    const slidesAndDocs = typesMethods(dev, [
      path.join(typesDir, 'google-apps-script.slides.d.ts'),
      path.join(typesDir, 'google-apps-script.document.d.ts'),
    ]).filter((method) => method.service === 'SlidesApp' || method.service === 'DocumentApp');
    return { calls, enumReads, runtime, implementedBy, slidesAndDocs, bundleSources: [...lines.keys()].sort() };
  } finally {
    api.close();
  }
}

function main(): void {
  const onlyMissing = process.argv.includes('--missing');
  const fidelity = readFidelity();
  for (const call of fidelity.calls) {
    const by = fidelity.implementedBy.get(call.key);
    if (onlyMissing && by) continue;
    console.log(
      `${call.key}  ${by ? `← ${by.join(', ')}` : `no runtime class implements it (${referenceUrl(call.key)})`}`,
    );
    for (const site of call.sites) console.log(`    ${site}`);
  }
  const missing = fidelity.calls.filter((call) => !fidelity.implementedBy.has(call.key)).length;
  console.log(
    `${fidelity.calls.length} Apps Script methods called by the bundle; ${missing} implemented by no runtime class`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
