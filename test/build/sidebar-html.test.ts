import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('dist/Sidebar.html', () => {
  let html: string;
  beforeAll(async () => {
    html = await readFile(path.join(root, 'dist/Sidebar.html'), 'utf8');
  });

  it('is one self-contained file: no external scripts, styles, fonts or images', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/@import|url\((?!['"]?data:)/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)[^\s"'<>)]*\.(js|css|woff2?|ttf|png|jpe?g|svg)\b/i);
  });

  it('inlines exactly one script and one stylesheet, and the script cannot close its element early', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(scripts[0]?.[1]).not.toMatch(/<\/script/i);
  });

  it('opens links outside the sandboxed iframe', () => {
    expect(html).toMatch(/<base target="_top"/);
  });

  it('carries a script that compiles as a classic script and mounts on the page’s own element', () => {
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    // HtmlService serves the file as it is: a syntax error here is a blank sidebar in Google.
    expect(() => new vm.Script(script, { filename: 'Sidebar.html' })).not.toThrow();
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
    expect(script).not.toMatch(/sourceMappingURL/);
    expect(html).toMatch(/<div id="app"><\/div>/);
    expect(script).toContain('getElementById("app")');
    // Sizes are figures for `npm run bench`, never assertions.
    console.log(`Sidebar.html: ${html.length} bytes, ${gzipSync(html).length} gzipped`);
  });

  it('has a late part that runs as a classic script on what the sidebar lends it, and names its build', async () => {
    const file = await readFile(path.join(root, 'dist/SidebarParts.html'), 'utf8');
    const part = /^<style data-peel-part="([\w-]+)">([^<]*)<\/style><script>([\s\S]*)<\/script>\n$/.exec(file);
    expect(part).not.toBeNull();
    const [, id = '', css = '', script = ''] = part ?? [];
    const sidebarScript = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    // The sidebar accepts only the part it was built with.
    expect(sidebarScript).toContain(`"${id}"`);
    expect(css).toContain('.intro{');
    expect(html).not.toContain('.intro{');
    expect(script).not.toMatch(/<\/script/i);

    // Each name the part takes from the sidebar is one the sidebar lends, at the same place in its list.
    // The lent objects' own keys, read at brace depth one (a lent function may be inlined, braces and all).
    const lent = sidebarScript.slice(sidebarScript.indexOf('globalThis.PeelShared=[') + 23);
    const lentObjects: string[][] = [];
    let depth = 0;
    for (let i = 0; i < lent.length && !(depth === 0 && lent[i] === ']'); i++) {
      const c = lent[i];
      if (c === '{' || c === '(' || c === '[') {
        if (c === '{' && depth === 0) lentObjects.push([]);
        depth++;
      } else if (c === '}' || c === ')' || c === ']') depth--;
      else if (depth === 1 && (lent[i - 1] === '{' || lent[i - 1] === ',')) {
        const name = /^\w+(?=:)/.exec(lent.slice(i))?.[0];
        if (name) lentObjects.at(-1)?.push(name);
      }
    }
    const taken = [...script.matchAll(/\{([^}]*)\}=globalThis\.PeelShared\[(\d+)\]/g)];
    expect(taken.length).toBeGreaterThan(0);
    for (const [, names = '', index = ''] of taken) {
      for (const name of names.split(',').map((p) => p.split(':')[0])) {
        expect(lentObjects[Number(index)]).toContain(name);
      }
    }

    // Run in a page of its own with stand-ins for what is lent: it leaves its views (the thread's quick edits and
    // versions among them), the file reader and the cut-out's two steps on its global.
    const stand = (): unknown => new Proxy(() => null, { get: () => stand() });
    const context = vm.createContext({ PeelShared: new Proxy([], { get: () => stand() }) });
    context.globalThis = context;
    new vm.Script(script, { filename: 'SidebarParts.html' }).runInContext(context);
    expect(Object.keys(context.PeelPart).sort()).toEqual([
      'DocumentPicker',
      'Extras',
      'Job',
      'PlaceChoices',
      'Plan',
      'Settings',
      'StyleButtons',
      'StyleEditor',
      'Wording',
      'cutOut',
      'jobActions',
      'keyFor',
      'prepareFile',
    ]);
    console.log(`SidebarParts.html: ${file.length} bytes, ${gzipSync(file).length} gzipped`);
  });
});
