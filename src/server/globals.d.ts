/** Stamped by the build from package.json. */
declare const PEEL_VERSION: string;
/** True in builds made with `--vertex`: the manifest then has the cloud-platform scope Vertex AI needs. */
declare const PEEL_VERTEX: boolean;
