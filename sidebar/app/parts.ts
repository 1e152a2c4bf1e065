/**
 * The sidebar's late part: views a person opens rarely, and the reading of files from the computer (headers,
 * decoding, scaling), built into dist/SidebarParts.html rather than into Sidebar.html, so the sidebar a person opens to generate carries less. The server hands the part over when one
 * of them is first shown (kernel/late.ts); what these views share with the rest (preact, the kernel, the
 * features' state) comes from the page, not from copies.
 */
import '../parts.css';
import { EN_PARTS } from '../../src/core/i18n/en-parts';
import { learnEnglish } from '../kernel/words';

learnEnglish(EN_PARTS);

export { PlaceChoices } from '../features/insert/Choices';
export { jobActions } from '../features/job/actions';
export { Job, Plan } from '../features/job/View';
export { prepareFile } from '../features/references/decode';
export { DocumentPicker, StyleButtons } from '../features/references/Picker';
export { Wording } from '../features/references/Wording';
export { Settings } from '../features/settings/View';
export { StyleEditor } from '../features/style/View';
export { cutOut, keyFor } from '../features/thread/cutout';
export { Extras } from '../features/thread/Extras';
