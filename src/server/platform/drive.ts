/**
 * The VersionStore on Apps Script: Drive REST v3 through UrlFetchApp with the user's own token
 * (ScriptApp.getOAuthToken carries the manifest's drive.file scope). DriveApp is not an option: it needs the
 * restricted full `drive` scope. Thin on purpose; what to send and what the answers mean is core/versions.ts.
 */
import {
  type DriveHttp,
  type DriveRequest,
  type DriveResponse,
  DriveVersionStore,
  type FolderMemory,
  type VersionStore,
} from '../../core/versions';

/** The user's "Peel versions" folder id, in their user properties (one folder per user, every document). */
export const VERSIONS_FOLDER_PROPERTY = 'PEEL_VERSIONS_FOLDER';

type FetchApi = Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'>;
type Codec = Pick<GoogleAppsScript.Utilities.Utilities, 'base64Decode' | 'base64Encode' | 'newBlob'>;

/** Header names as Apps Script reports them are not reliably capitalized one way (HTTP/2 sends lowercase). */
function headerOf(headers: Record<string, string>, name: string): string | null {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? null : (headers[key] ?? null);
}

/** `head` and `tail` are ASCII (versions.ts): each byte is the character's code, with no Blob made to say so. */
function asciiBytes(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

export class UrlFetchDriveHttp implements DriveHttp {
  constructor(
    private readonly token: () => string,
    private readonly api: FetchApi = UrlFetchApp,
    private readonly codec: Codec = Utilities,
  ) {}

  send(request: DriveRequest): DriveResponse {
    const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
      method: request.method,
      headers: { Authorization: `Bearer ${this.token()}` },
      // Error statuses come back as responses to map, not as exceptions that lose Drive's reason.
      muteHttpExceptions: true,
    };
    const body = request.body;
    if (typeof body === 'string') {
      params.contentType = 'application/json; charset=UTF-8';
      params.payload = body;
    } else if (body) {
      params.contentType = `multipart/related; boundary=${body.boundary}`;
      // Bytes, so the image goes as bytes; concat, because spreading megabytes overflows the stack. Sent as one
      // Blob (UrlFetchApp takes a string, Byte[], Blob or object): a Byte[] of megabytes is an array of numbers
      // that every hop converts one by one, which was most of Apply's own time in the local runtime.
      const media = 'bytes' in body ? body.bytes : this.codec.base64Decode(body.base64);
      const bytes = asciiBytes(body.head).concat(media, asciiBytes(body.tail));
      params.payload = this.codec.newBlob(bytes, params.contentType);
    }
    try {
      const response = this.api.fetch(request.url, params);
      const codec = this.codec;
      return {
        kind: 'response',
        status: response.getResponseCode(),
        // Asked only by a download (getHeaders is a call of its own): an upload or a metadata call never reads it.
        get contentType() {
          return headerOf(response.getHeaders() as Record<string, string>, 'content-type');
        },
        text: () => response.getContentText(),
        base64: () => codec.base64Encode(response.getContent()),
      };
    } catch (error) {
      return { kind: 'failure', message: error instanceof Error ? error.message : String(error) };
    }
  }
}

export function userFolderMemory(
  properties: () => GoogleAppsScript.Properties.Properties = () => PropertiesService.getUserProperties(),
): FolderMemory {
  return {
    get: () => properties().getProperty(VERSIONS_FOLDER_PROPERTY),
    set: (id) => {
      if (id) properties().setProperty(VERSIONS_FOLDER_PROPERTY, id);
      else properties().deleteProperty(VERSIONS_FOLDER_PROPERTY);
    },
  };
}

/** The versions port the edit flow uses; `folder`, when the caller has read the user's store already. */
export function driveVersionStore(folder: FolderMemory = userFolderMemory()): VersionStore {
  return new DriveVersionStore(new UrlFetchDriveHttp(() => ScriptApp.getOAuthToken()), folder);
}
