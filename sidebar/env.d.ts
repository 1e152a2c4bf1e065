/** esbuild bundles the stylesheet into the inlined <style>; TypeScript only needs to know the import is fine. */
declare module '*.css';
/** The build's id for the sidebar's late part (dist/SidebarParts.html) and the global its script leaves. */
declare const PEEL_PART_ID: string;
declare const PEEL_PART_GLOBAL: string;
