/**
 * The sentences the server writes, in English: the source every `server` catalog translates (i18n/server/*.ts),
 * key for key, with the same `{placeholders}`. Code.js carries this one language; the person's comes from
 * SidebarWords.html when a sentence is said (server/platform/words.ts), so the add-on never loads them all.
 * An error code's sentence is keyed by the code, its next step by the code and `_do`.
 */
import { WRONG_ACCOUNT_EN } from './en-account';

export const EN_SERVER = {
  NO_KEY: 'Peel needs a Gemini API key before it can make images.',
  NO_KEY_do: 'Open Settings and paste a key from Google AI Studio (aistudio.google.com/apikey).',
  KEY_INVALID: 'Google did not accept this API key.',
  KEY_INVALID_do: 'Check the key in Settings, or create a new one in Google AI Studio.',
  KEY_LEAKED: 'Google blocked this API key because it was reported as leaked.',
  KEY_LEAKED_do: 'Create a new key in Google AI Studio and replace it in Settings.',
  KEY_SUSPENDED: 'The Google Cloud project behind this key is suspended.',
  KEY_SUSPENDED_do: 'Use a key from another project, or contact the project owner.',
  PERMISSION_DENIED: 'This key is not allowed to use the image model.',
  PERMISSION_DENIED_do: 'Check that the Gemini API is enabled for the key’s project, or try another model.',
  BILLING_REQUIRED: 'Gemini image models need a key from a project with billing turned on.',
  BILLING_REQUIRED_do: 'Turn on billing for the key’s project in Google AI Studio, then try again.',
  // Apps Script ran the call as the browser's default account, not the document's (src/core/script-run.ts); the
  // platform has no fix, so the sentence gives the person's own way around it.
  WRONG_ACCOUNT: WRONG_ACCOUNT_EN.message,
  WRONG_ACCOUNT_do: WRONG_ACCOUNT_EN.action,
  MODEL_NOT_FOUND: 'This model is not available (it may have been retired).',
  MODEL_NOT_FOUND_do: 'Pick another model in the model menu.',
  UNSUPPORTED_OPTION: 'The chosen model does not support this option.',
  UNSUPPORTED_OPTION_do: 'Pick another aspect ratio or size, or another model.',
  RATE_LIMITED: 'Gemini is receiving too many requests from this project right now.',
  RATE_LIMITED_do: 'Wait a moment and try again.',
  DAILY_QUOTA: 'This project has used its image quota for today.',
  DAILY_QUOTA_do: 'Try again after midnight Pacific time, or use a key with a higher tier.',
  SERVER_ERROR: 'Gemini had an internal error.',
  SERVER_ERROR_do: 'Try again; if it keeps happening, try a shorter prompt.',
  UNAVAILABLE: 'The model is overloaded right now.',
  UNAVAILABLE_do: 'Try again in a minute, or pick a faster model.',
  DEADLINE: 'The image took longer than Google Workspace lets Peel wait (about a minute).',
  DEADLINE_do: 'Try a smaller image size or a faster model.',
  PROMPT_BLOCKED: 'Gemini declined this request because of its content policy.',
  PROMPT_BLOCKED_do: 'Rephrase the prompt and try again.',
  IMAGE_BLOCKED: 'Gemini made an image but withheld it under its content policy.',
  IMAGE_BLOCKED_do: 'Rephrase the prompt and try again.',
  MODEL_REFUSED: 'Gemini answered with words instead of an image.',
  MODEL_REFUSED_do: 'Read its answer below, then rephrase the prompt.',
  NO_IMAGE: 'Gemini finished without making an image.',
  NO_IMAGE_do: 'Try again, or describe the picture more concretely.',
  MISSING_THOUGHT_SIGNATURE: 'Gemini refused the request because an image in it had lost its signature.',
  MISSING_THOUGHT_SIGNATURE_do: 'Try again; if it keeps happening, choose another model.',
  REQUEST_TOO_LARGE: 'The request is too large to send.',
  REQUEST_TOO_LARGE_do: 'Shorten the prompt and try again.',
  INVALID_REQUEST: 'Gemini rejected the request.',
  INVALID_REQUEST_do: 'Try another aspect ratio, size or model.',
  MALFORMED_RESPONSE: 'Gemini sent back a response Peel could not read.',
  MALFORMED_RESPONSE_do: 'Try again.',
  NETWORK: 'Peel could not reach Gemini.',
  NETWORK_do: 'Try again in a moment.',
  FETCH_NOT_ALLOWED:
    'Google Workspace did not let Peel contact Gemini at this address (it is not in the add-on’s allowlist).',
  FETCH_NOT_ALLOWED_do: 'Ask whoever deployed Peel to allow this address (for Vertex AI: build for this location).',
  BAD_INPUT: 'Something in the request is not right.',
  BAD_INPUT_do: 'Check the fields and try again.',
  UNSUPPORTED_HOST: 'Peel works in Google Slides and Google Docs.',
  UNSUPPORTED_HOST_do: 'Open Peel from a presentation or a document.',
  UNSUPPORTED_SELECTION: 'An image cannot go where the selection is.',
  UNSUPPORTED_SELECTION_do: 'Click in the body of the document or select a slide, then try again.',
  NO_TEXT_SELECTED: 'No text is selected, so Peel has nothing to write a prompt from.',
  NO_TEXT_SELECTED_do:
    'Select the words or paragraphs the image should show, then press “Illustrate the selection” again; or describe the image in the prompt box.',
  IMAGE_TOO_LARGE: 'The image is too large for Google to insert (over 25 megapixels or 50 MB).',
  IMAGE_TOO_LARGE_do: 'Choose a smaller size.',
  PREVIEW_EXPIRED: 'This preview has expired: generate the image again to insert it.',
  PREVIEW_EXPIRED_do: 'Your prompt is kept: click Generate for a new preview, then Insert.',
  BUSY: 'Someone else is changing Peel’s data in this document.',
  BUSY_do: 'Try again in a few seconds.',
  // Peel's share of the document's properties (store-budget.ts); the detail says which part is full.
  STORE_FULL: 'Peel’s memory in this document is full, so this was not saved and the document is unchanged.',
  STORE_FULL_do:
    'Make room: finish or cancel a deck job, or unpin names nobody uses. Edit conversations nobody has touched for 6 hours make room by themselves.',
  IMAGE_GONE: 'The image is no longer in the document: someone deleted it, or it was moved out of reach.',
  IMAGE_GONE_do: 'Select the image to edit (or start a new one), then try again.',
  SECTION_GONE:
    'The section this picture was drawn for is no longer in the document: its heading was changed or deleted.',
  SECTION_GONE_do: 'Skip this picture, or plan the job again to illustrate the document as it is now.',
  // A version's file lives in the Drive of whoever made that edit; under drive.file nobody else's grant is known
  // to reach it (README: things to verify), so the sentence names who can.
  VERSION_UNAVAILABLE:
    'This version is kept in the Google Drive of the collaborator who made that edit, and Peel cannot open it from your account.',
  VERSION_UNAVAILABLE_do: 'Ask that collaborator to open Peel on this image: they can compare and restore it.',
  DRIVE_FULL: 'Your Google Drive is full, so Peel cannot keep the version this edit replaces.',
  DRIVE_FULL_do: 'Free some space in Google Drive (or empty its trash), then apply again.',
  DRIVE_UNAVAILABLE: 'Google Drive, where Peel keeps earlier versions, did not answer just now.',
  DRIVE_UNAVAILABLE_do: 'Wait a minute and try again; the image in the document has not changed.',
  DRIVE_NOT_AUTHORIZED: 'Peel is not allowed to keep versions in your Google Drive yet.',
  DRIVE_NOT_AUTHORIZED_do:
    'Reload the document and open Peel again to approve access (Peel sees only the files it creates).',
  // How long references are kept is the stash's to say (server/spine/references.ts): the detail says it.
  REFERENCE_EXPIRED: 'A reference image is no longer kept by Peel.',
  REFERENCE_EXPIRED_do: 'Add the reference again (from the computer, the document or its name), then try again.',
  // A named reference's bytes are in the document (the picture was deleted) or in the pinner's Drive; the detail
  // names whose.
  REFERENCE_UNAVAILABLE: 'Peel cannot open a named reference’s image from your account.',
  REFERENCE_UNAVAILABLE_do: 'Pin it again from a picture in the document, under the same name, so everyone can use it.',
  // The detail names the figure: the picture's pixels or bytes against Peel's limit.
  REFERENCE_TOO_LARGE: 'This picture is larger than Peel takes as a reference.',
  REFERENCE_TOO_LARGE_do: 'Use a smaller picture, or scale it down and add it again.',
  // The detail names what is wrong: its type, its header, or its size against what it was sent as.
  REFERENCE_UNREADABLE: 'This file is not a picture Peel can read as a reference.',
  REFERENCE_UNREADABLE_do: 'Open it in an image editor, save it as PNG or JPEG, and add it again.',
  JOB_CAP: 'The next image would take this job past its cost cap, so Peel did not draw it.',
  JOB_CAP_do: 'Review what is drawn, or start the job again with a higher cap.',
  SCOPE_NOT_GRANTED: 'Peel needs a permission you have not given it yet, so nothing was changed or charged.',
  SCOPE_NOT_GRANTED_do: 'Press Grant permission, approve it in the window that opens, then try again.',
  POLICY: 'Your organization’s settings for Peel do not allow this, so nothing was sent or charged.',
  POLICY_do: 'Choose what your organization allows, or ask your administrator.',
  INTERNAL: 'Something went wrong inside Peel.',
  INTERNAL_do: 'Try again; if it keeps happening, reload the document.',
  // Next steps that name what the failed request carried: reference images, or an edit conversation.
  SERVER_ERROR_refs: 'Try again; if it keeps happening, try a shorter prompt or fewer reference images.',
  PROMPT_BLOCKED_refs: 'Rephrase the prompt or use other reference images.',
  REQUEST_TOO_LARGE_refs: 'Use fewer or smaller reference images.',
  MISSING_THOUGHT_SIGNATURE_talk: 'Start a new conversation for this image and try again.',
  REQUEST_TOO_LARGE_talk: 'Use fewer or smaller reference images, or start a new conversation.',
  SERVER_ERROR_talk: 'Try again; if it keeps happening, start a new conversation for this image.',
  PREVIEW_EXPIRED_talk: 'Edit the picture in the document instead, or bring back a preview that is still kept.',
  switchModel: 'Switch to {model} in the model menu.',
  waitAbout: 'Wait about {time} and try again.',
  seconds: { one: '{n} second', other: '{n} seconds' },
  minutes: { one: '{n} minute', other: '{n} minutes' },
  charged: 'Gemini did send an answer, and Google may bill it, so Peel counted {usd} in this document’s total.',
  // The organization's policy (core/policy.ts): refusals, and the notes shown before a person tries.
  policyUnreadable:
    'Your organization’s setting {property} could not be read (it should be {expected}). Ask your administrator to correct it.',
  policyModel: 'Your organization does not allow {model}. Choose another model in the menu.',
  policySize: 'Your organization allows pictures up to {size}. Choose {size} or smaller.',
  policyPerson:
    'This picture (about {usd}) would take you past your organization’s {limit} a month per person; you have spent {spent} this month. It renews on the 1st.',
  policyDocument:
    'This picture (about {usd}) would take this document past your organization’s {limit} a month; it has spent {spent} this month. It renews on the 1st.',
  policyUploadsOff: 'Your organization has turned off pictures from the computer. Use pictures from this file instead.',
  policyJobsOff:
    'Your organization has turned off illustrating a whole file at once. Illustrate one slide or section at a time.',
  noteSize: 'Your organization allows pictures up to {size}.',
  noteModels: 'Your organization chooses which models you can use.',
  notePerson: 'Your organization allows {usd} a month per person.',
  noteDocument: 'Your organization allows {usd} a month per document.',
  noteUploadsOff: 'Your organization has turned off pictures from the computer.',
  noteJobsOff: 'Your organization has turned off illustrating a whole file at once.',
  policyJobsNoEmail:
    'Your organization allows illustrating a whole file at once for some people only, and Google did not tell Peel who you are. Illustrate one slide or section at a time, or ask your administrator.',
  policyJobsNotListed:
    'Your organization allows illustrating a whole file at once for some people only, and {email} is not one of them. Illustrate one slide or section at a time, or ask your administrator.',
  noteJobsSome: 'Your organization allows illustrating a whole file at once for some people only.',
  // A permission the person did not grant, in the words of Google's consent screen (core/consent.ts).
  needsExternal:
    'Making and editing pictures needs the permission “Connect to an external service”: Peel sends your request to Google’s Gemini API.',
  needsDrive:
    'Keeping the version a change replaces needs the permission “See, edit, create and delete only the specific Google Drive files you use with this app”. Inserting new pictures works without it.',
  needsCloud:
    'Vertex AI needs the permission “See, edit, configure and delete your Google Cloud data”, which your organization’s Peel uses to reach its Google Cloud project.',
  needsOther: 'This needs a permission you have not given Peel yet.',
  needsEmail:
    'Illustrating a whole file at once needs your email address: your organization allows it for some people only (“See your primary Google Account email address”).',
  // Deck and document jobs (core/jobs.ts, server/flows/jobs.ts, core/doc-sections.ts): labels and refusals.
  jobSlide: 'Slide {n}: {title}',
  jobSlideN: 'Slide {n}',
  jobSection: 'Section {n}: {heading}',
  jobSectionN: 'Section {n}',
  jobPicture: 'Slide {n}, picture {k}',
  jobPictureOn: 'Slide {n}, picture',
  jobAPicture: 'A picture',
  jobNoRoom: '{label} (no room: it goes on a new slide after it)',
  jobGone: 'This job is over or was cancelled. Plan a new one.',
  jobDocsRestyle:
    'Restyling goes through the pictures of a Google Slides deck. In Google Docs, edit a picture one at a time, or illustrate the document.',
  jobNoStyle: 'Set the deck’s style (and turn it on) first: restyling redraws each picture in that style.',
  jobSectionMissing:
    'A section of the plan is no longer in the document (its heading was changed or removed). Plan the job again.',
  jobSlideMissing: 'A slide or picture of the plan is no longer in the deck. Plan the job again.',
  jobRunningSlides: 'You have a job in this deck already: finish or cancel it before starting another.',
  jobRunningDocs: 'You have a job in this document already: finish or cancel it before starting another.',
  jobNotKept: 'The job was cancelled or changed meanwhile; this image is shown but not kept in it.',
  jobDeckBusy: 'The deck was busy, so this proposal joins the job with your next item (or when you reopen the job).',
  jobNoItem: 'This job has no such item. Plan the job again.',
  jobEmptySlides: 'Choose at least one slide or picture.',
  jobEmptyDocs: 'Choose at least one section.',
  itemWorking: 'This item is being drawn already; nothing was sent.',
  itemProposed: 'This item is proposed; nothing was sent.',
  itemAccepted: 'This item is accepted; nothing was sent.',
  itemSkipped: 'This item is skipped; nothing was sent.',
  itemFailed: 'This item is failed; nothing was sent.',
  itemLost: 'This item is lost; nothing was sent.',
  jobCap:
    'Drawing this image (about {usd}) would take the job past its cap of {cap} ({spent} spent). Raise the cap by starting the job again, or skip the rest.',
  jobCapDrawing:
    'Drawing this image (about {usd}) would take the job past its cap of {cap} ({spent} spent, {n} being drawn). Raise the cap by starting the job again, or skip the rest.',
  jobLost:
    'This proposal’s picture is no longer kept (Google cleared it from Peel’s cache), so there is nothing to place. Draw it again or skip it.',
  placedAlready: 'This image is placed already.',
  onlyProposal: 'Only a proposal can be accepted.',
  placingAlready: 'This picture is being placed already; look at its slide in a moment.',
  skipWhileDrawn: 'This item is being drawn; skip it when its proposal arrives.',
  redrawWhileDrawn: 'This item is being drawn already.',
  promptFirst: 'Write the new prompt first.',
  promptWhileDrawn: 'This item is being drawn; change its prompt when its proposal arrives.',
  itemTooLong: 'Item {i}’s prompt is {length} characters, too long to keep with the job: shorten it to about {fits}.',
  promptTooLong: 'This prompt is {length} characters, too long to keep with the job: shorten it to about {fits}.',
  jobTooLarge:
    'The job’s prompts take {kb} KB, more than the {max} KB Peel keeps for deck jobs in a document: choose fewer slides or shorten the prompts.',
  // Details Peel writes for an error (said at the boundary through detailOf).
  busyWaited:
    'A collaborator is saving to this document through Peel; Peel waited {seconds} seconds for them to finish.',
  imageGoneMeanwhile: 'The image was deleted or moved out of the document meanwhile. Select an image and try again.',
  pictureUnreadable: 'Peel cannot read this picture. Try another image, or replace it with a PNG or JPEG.',
  notIssued: 'Generate an image, then insert it.',
  referenceTooBig: 'This picture is too large for Peel to keep as a reference. Use a smaller one (up to 7 MB).',
  discardAtMost: 'Peel discards at most {n} images at a time.',
  vertexNoKey: 'This deployment uses Vertex AI with your Google account; there is no API key to test.',
  openFromDocument: 'Open Peel from a document.',
  namedAtMost: 'A document keeps at most {n} named references. Unpin one first.',
  slideNoText: 'This slide has no text to illustrate. Describe the image you want instead.',
  noProposal: 'This item has no proposal to show. Draw it first.',
  orgKeyForEveryone: 'Your organization’s key is used for everyone, so Peel does not keep a key of your own.',
  modelIdShape: 'A model id looks like the ones in the model menu: lowercase letters, digits, dots and dashes.',
  keyShape: 'Paste the key exactly as Google AI Studio shows it (new keys start with AQ., older ones with AIza).',
  unknownName: 'This document has no reference named “{name}” any more: someone unpinned it.',
  pinnedPictureGone: 'The picture “{name}” was pinned from is no longer in the document.',
  keptInYourDrive:
    '“{name}” is kept in your Google Drive (the file was deleted), and Peel cannot open it from your account.',
  keptInTheirDrive:
    '“{name}” is kept in the Google Drive of the collaborator who pinned it, and Peel cannot open it from your account.',
  sayWhatChanges: 'Say what should change first.',
  drawsAtMost: '{model} draws at most {largest}. Choose a model that draws {size} to render this picture sharper.',
  unreadableAnswer: 'Gemini sent a {type} image Peel cannot read or insert.',
  readsTypes: 'Gemini reads PNG, JPEG, WebP and HEIC images, not {type}.',
  describeImage: 'Describe the image.',
  variantsRange: 'Ask for 1 to {max} variants.',
  requestTooBig: 'The request would be {mb} MB; Google Workspace sends at most 50 MB.',
  vertexImageSize: 'Vertex AI takes images of up to 7 MB each.',
  addressTooLong:
    'The request’s address is longer than Apps Script allows (2 KB). Check the model id and the Vertex AI project.',
  answerCutOff: 'The answer was cut off or garbled.',
  previewKept:
    'Peel keeps made images for {minutes} minutes for placing (a deck job’s proposals {hours} hours), and Google may clear them sooner.',
  referenceKept: 'Peel keeps reference images for up to {hours} hours, and Google may clear them sooner.',
  vertexLocationShape: '{property} should be a Google Cloud location such as global or us-central1.',
  vertexLocationBuilt:
    'This copy of Peel was built for Vertex AI in {built}, but {property} says {location}. Build with --vertex-location {location}, or set {property} to {built}.',
  styleRefsNotSent: 'The style’s reference images were not sent: {why}',
  // An edit's refusals before anything is sent (server/spine/pipeline.ts, spine/region.ts and core/region.ts,
  // flows/edit.ts), and a picture the sidebar made that cannot be kept (flows/cutout.ts): `{why}` is one of them.
  // Sizes are written as the picture's header gives them, so they come as text, not as numbers to format.
  chainPreviewGone: 'The preview this edit continues from is no longer kept ({why}), so nothing was sent or charged.',
  chainOtherPicture: 'That preview is an edit of another picture. Select that picture to continue from it.',
  regionQuickEdit:
    'A marked part goes with a change you type, not a quick edit. Clear the marked part, or type the change.',
  regionNoCorners: 'The marked part has no readable corners. Drag across the part to change again.',
  regionNotWhole: 'The marked part is not in whole pixels. Drag across the part to change again.',
  regionEmpty: 'The marked part is empty. Drag across the part of the picture to change.',
  regionOutside: 'The marked part lies outside the picture ({width}×{height} pixels). Mark a part inside it.',
  markedNotPicture: 'The marked copy is not a PNG or JPEG picture. Mark the part to change again.',
  markedNotDrawn:
    'The marked copy is not drawn from the picture as it is ({width}×{height} pixels): the picture may have changed since. Mark the part to change again.',
  newNotEdit: 'This image is new: insert it instead.',
  cutoutRefused: '{why} The picture keeps its background.',
  keptRefused: '{why} The edit stays as Gemini drew it.',
  cutoutWhich:
    'Only a picture Peel asked for on a key colour (Remove background), or an edit kept to a marked part, can be kept this way.',
  cutoutNotAlpha: 'The cut-out is not a PNG with an alpha channel.',
  cutoutSize: 'The cut-out is {size}, not {width}×{height} as the picture it was cut from.',
  cutoutNoSize: 'The cut-out is of no readable size, not {width}×{height} as the picture it was cut from.',
  keptNotPng: 'The picture sent is not a PNG.',
  keptSize: 'The picture sent is {size}, not {width}×{height} as the picture the edit started from.',
  keptNoSize: 'The picture sent is of no readable size, not {width}×{height} as the picture the edit started from.',
  // `{changed}` is placement's own sentence (spine/place.ts), which says who changed the picture.
  restyleChanged: '{changed}. Regenerate this item to restyle the picture as it is now, or skip it.',
  namedTooLarge:
    '“{name}” is {width}×{height} pixels ({megapixels} megapixels); Peel takes pictures of at most {max} megapixels. Unpin it and pin a smaller picture under its name.',
  // An option the chosen model does not take (core/gemini/options.ts): what it takes instead.
  optionRefs: '{model} takes up to {max} reference images.',
  optionDraws: '{model} draws {list}.',
  optionThinks: '{model} thinks at {list}.',
  optionNoThinking: '{model} has no thinking level to choose.',
  // A quick edit that cannot be made (core/quick-edits.ts); a ratio the request's schema refuses says the same.
  quickNoBackground: 'Say which colour or scene the background should be.',
  quickRatio: 'Pick a ratio such as 16:9.',
  quickNoTheme: 'This slide’s theme offers no colours Peel can read.',
  refsNotAllKept:
    'These reference pictures together are more than Peel keeps for you at once (about {mb} MB). Use fewer or smaller pictures.',
  docsNoBackground: 'Google Docs has no slide background; insert the image instead.',
  docsNoParagraph: 'Peel can’t add a paragraph here. Click in the body of the document.',
  docsSelectToReplace: 'Select the inline image to replace (click it once), then insert again.',
  docsNotAtCursor: 'An image can’t go at the cursor. Click in the body of the document.',
  sectionGone: 'This section’s heading is no longer in the document, so its picture has nowhere to go. Skip it.',
  // Beside a model in the menu (core/gemini/offered.ts).
  modelUnknown: 'Peel does not know this model yet: it runs with basic options.',
  modelShutdown: 'Google shuts this model down on {date}.',
  modelShutdownSwitch: 'Google shuts this model down on {date}. Switch to {model}.',
} as const;
