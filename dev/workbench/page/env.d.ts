/** esbuild bundles the page's stylesheet; TypeScript only needs to know the import is fine. */
declare module '*.css';
