/** esbuild injects these where the sidebar's JSX calls them: classic h() calls are smaller than the automatic runtime's. */
export { Fragment, h } from 'preact';
