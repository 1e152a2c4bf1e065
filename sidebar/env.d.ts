/** esbuild bundles the stylesheet into the inlined <style>; TypeScript only needs to know the import is fine. */
declare module '*.css';
