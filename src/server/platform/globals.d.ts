/** Stamped by the build from package.json. */
declare const PEEL_VERSION: string;
/** True in builds made with `--vertex`: the manifest then has the cloud-platform scope Vertex AI needs. */
declare const PEEL_VERTEX: boolean;
/** The Vertex AI location the manifest's fetch allowlist admits (`--vertex-location`); empty in other builds. */
declare const PEEL_VERTEX_LOCATION: string;
