/**
 * English for the sidebar's late part (Settings, in sidebar/app/parts.ts's views): carried by the part, not the
 * page, which teaches the page's words these when it arrives (kernel/words.ts, learnEnglish). Every other
 * catalog translates these keys as it does en.ts's.
 */
export const EN_PARTS = {
  getKey: 'Get a Gemini API key',
  ownKey: 'Peel makes images with your own key from Google AI Studio.',
  keyStep1: 'Open {link} and create a key.',
  keyStep2: 'Turn on billing for the key’s project: Gemini image models have no free tier.',
  keyStep3: 'Paste the key below.',
  apiKeyLabel: 'Gemini API key',
  keyHint: 'New keys start with {new}, older ones with {old}.',
  saveKey: 'Save key',
  retires: '{name} (retires {date})',
  vertex:
    'Peel uses Vertex AI in the Google Cloud project {project} ({location}) with your Google account. There is no API key to manage.',
  yourKey: 'Your key: ',
  orgFallback: 'Without it, Peel uses your organization’s key.',
  testKey: 'Test key',
  remove: 'Remove',
  orgForEveryone: 'Your organization’s key is used for everyone.',
  orgProvides: 'Your organization provides a key, so Peel works without one. To use your own instead, paste it here.',
  apiKey: 'API key',
  defaultModel: 'Default model',
  modelForNew: 'Model for new images',
  yourOrganization: 'Your organization',
} as const;
