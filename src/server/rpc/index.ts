/**
 * The server entry. Its exports are Peel's public entry points: the build turns each one into a top-level
 * `function` declaration, because Apps Script only calls functions it can see at the top level (menus,
 * triggers, google.script.run). Names ending in `_` are private in Apps Script and fail the build.
 */
export * from './api';
export { onInstall, onOpen, showSidebar } from './menu';
