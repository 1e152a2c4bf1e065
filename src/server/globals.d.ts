/** Stamped by the build from package.json. */
declare const PEEL_VERSION: string;
