/** The sidebar's entry: wire the server client to the controller, draw, and keep the target fresh. */
import { render } from 'preact';
import { App } from './app/App';
import { createController, type Parts } from './app/controller';
import { late } from './kernel/late';
import { createServer } from './kernel/rpc';
import './styles.css';

const server = createServer();
// What a person needs rarely comes from the server when first needed (kernel/late.ts); the build names the part
// this bundle was made with.
const parts = late<Parts>({ fetch: server.getSidebarParts, id: PEEL_PART_ID, global: PEEL_PART_GLOBAL });
const controller = createController(server, parts);

// The user selects things in the editor while the sidebar waits; coming back to it is the moment to re-read.
window.addEventListener('focus', () => void controller.session.refreshTarget({ quiet: true }));
// The pointer coming into the sidebar is the earliest sign: the "Goes to" line and the buttons are usually
// right again before the click lands, and Insert waits for a reading still under way.
const root = document.documentElement;
root.addEventListener('pointerenter', () => void controller.session.refreshTarget({ quiet: true }));
// Leaving is the other half: should the way back go unnoticed, the server reads the selection itself.
window.addEventListener('blur', controller.session.leftSidebar);
root.addEventListener('pointerleave', controller.session.leftSidebar);

const app = document.getElementById('app');
if (app) render(<App controller={controller} />, app);
void controller.start();
