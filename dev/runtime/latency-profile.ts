/**
 * What the real platform charges for the things the local runtime does in microseconds: every Apps Script
 * service call, every execution's start (the google.script.run round trip and the server starting a fresh
 * context), evaluating Code.js, and the Google services Peel reaches over UrlFetchApp. The runtime adds these
 * up per execution (ExecutionRecord.platform); the bench reports them per flow. Change a figure here and every
 * charge follows.
 *
 * Every figure says where it comes from. Public measurements of Apps Script are few, old and taken on other
 * services; a figure without a publication behind it says so and is marked `uncertain`, with why. Measure one
 * on a real deployment (an execution timing the call 100 times with Date.now()) and replace it here.
 *
 * Sources, as cited below:
 * - [ZIR] Luis Peralta, "Google Apps Script APIs performance", https://ziritione.org/post/apps_script_performance
 *   (100 consecutive calls per method, min/avg/max/stdev in ms; the store getter is inside each timed line).
 * - [POE] Justin Poehnelt, "Storage Wars: CacheService vs. PropertiesService vs. Firestore Benchmarks",
 *   https://justin.poehnelt.com/posts/apps-script-key-value-stores (100 sequential write+read pairs, 100 bytes).
 * - [QII] "Google Apps Scripts - キャッシュ", https://qiita.com/mitonattou919/items/a0fdd1a9e4559ee4a512
 *   (CacheService, 10 runs each, with a few bytes and with a 100 KB value).
 * - [GAS] Google, "Optimizing Spreadsheet Operations" (2010),
 *   http://googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html, and the best-practices
 *   guide https://developers.google.com/apps-script/guides/support/best-practices: calls to services are far
 *   slower than JavaScript; reads are served from a look-ahead cache and writes are batched. No figures.
 * - [MCP] Bruce McPherson, "Measuring library load speed",
 *   https://ramblings.mcpher.com/gassnippets2/measuring-library-load-speed/ (google.script.run round trips of a
 *   server function at 1–20 in parallel; every call initialises the whole script again; figures only in a chart).
 * - [PRE] https://www.pre-practice.net/2020/03/urlfetchappfetchallfetch.html (three sequential UrlFetchApp.fetch
 *   calls to the Books API: 1.769 s in all; the same three in one fetchAll: 0.929 s).
 * - [ISS] Reports of slow google.script.run calls: labnol/apps-script-starter#25 (5.73 s for a call returning
 *   the user's e-mail in a large project), enuchi/gas-client#35 and enuchi/React-Google-Apps-Script#73 (5–10 s
 *   at times, put down to Google's servers). Outliers, not typical figures, but they bound the start from above.
 */

export interface Cost {
  /** Charged once per call (or per execution, for the execution figures). */
  readonly ms: number;
  /** Charged per KB (1024 bytes) of the call's arguments plus its result. */
  readonly msPerKb?: number;
  /** Where the figure comes from: a source above and what it measured, or why none exists. */
  readonly source: string;
  /** Set when no publication measured this figure; `why` says what it rests on instead. */
  readonly uncertain?: true;
  readonly why?: string;
}

export interface ServiceCosts {
  /** Any method of the service not listed in `methods`. */
  readonly default: Cost;
  readonly methods?: Readonly<Record<string, Cost>>;
}

export interface LatencyProfile {
  /** A google.script.run call: the browser to Google and back, and the server starting an execution for it. */
  readonly scriptRunStart: Cost;
  /** A menu item, onOpen or a direct run: the server starting an execution (no sidebar round trip). */
  readonly executionStart: Cost;
  /** Evaluating Code.js, which Apps Script does whole at every execution: ms per KB of the file. */
  readonly evalMsPerKb: Cost;
  /**
   * Per service global, as ExecutionRecord.serviceCalls names them. Objects a service returns count for it
   * (a Slide, an HTTPResponse, a Lock), so their methods are listed under it.
   */
  readonly services: Readonly<Record<string, ServiceCosts>>;
  /** Any service not listed. */
  readonly otherService: Cost;
  /**
   * Google services reached over UrlFetchApp whose own answer time the local stand-ins do not have (Drive),
   * by URL prefix. Gemini is not here: its latency is the model's, which the bench leaves out.
   */
  readonly remotes: readonly { readonly name: string; readonly prefix: string; readonly cost: Cost }[];
}

const NO_FIGURE = 'no publication measures it';

/** A document service's getter after the document is loaded: [GAS]'s look-ahead cache, no figure. */
const documentGetter: Cost = {
  ms: 2,
  source: '[GAS] reads come from a cache filled when the document is opened',
  uncertain: true,
  why: `${NO_FIGURE}; taken as an in-memory read plus the bridge from the script to the Java service`,
};

/** A document service's write: [GAS] batches writes, committed when the execution ends or reads interleave. */
const documentWrite: Cost = {
  ms: 20,
  source: '[GAS] writes are cached and committed in batches',
  uncertain: true,
  why: `${NO_FIGURE}; [POE] measured ~800 ms for a SpreadsheetApp write+read pair, which forces a commit each time, so an uncommitted write is far cheaper`,
};

/** Opening the active document: the whole model is loaded for the execution. */
const documentOpen: Cost = {
  ms: 150,
  source: '[GAS] the first read loads the document for the look-ahead cache',
  uncertain: true,
  why: `${NO_FIGURE}; [POE]'s ~800 ms per SpreadsheetApp write+read pair bounds it from above`,
};

const documentService = (overrides: Record<string, Cost>): ServiceCosts => ({
  default: documentGetter,
  methods: overrides,
});

/** Inserting a picture uploads its bytes to the editor's image store. */
const pictureUpload: Cost = {
  ms: 250,
  msPerKb: 0.1,
  source: 'the Slides API documents images as fetched and stored by Google at insert time',
  uncertain: true,
  why: `${NO_FIGURE}; taken as a Drive-like upload (see the Drive remote), 100 ms per MB`,
};

export const DEFAULT_LATENCY_PROFILE: LatencyProfile = {
  scriptRunStart: {
    ms: 500,
    source: '[MCP] google.script.run round trips (chart only); [ISS] 5–10 s in slow periods',
    uncertain: true,
    why: 'no readable published figure; 500 ms is the round trip a sidebar call is commonly felt to take, well under [ISS]',
  },
  executionStart: {
    ms: 300,
    source: '[MCP] every execution initialises the whole script',
    uncertain: true,
    why: `${NO_FIGURE}; taken as scriptRunStart without the browser's round trip`,
  },
  evalMsPerKb: {
    ms: 1,
    source:
      '[MCP] the script is loaded again for every call; [ISS] labnol/apps-script-starter#25: calls slow down as a project grows',
    uncertain: true,
    why: `${NO_FIGURE}; 1 ms per KB is about 1 MB/s of parse and top-level evaluation, far below Node's local speed, as [GAS]'s services are below JavaScript's`,
  },
  services: {
    PropertiesService: {
      default: {
        ms: 1,
        source: '[ZIR] the store getter is inside each timed getProperty/setProperty line',
        uncertain: true,
        why: 'not timed on its own; a getter that makes no request',
      },
      methods: {
        getProperty: { ms: 32, source: '[ZIR] getProperty avg 30 ms (script store), 34 ms (user store)' },
        getProperties: {
          ms: 32,
          msPerKb: 0.05,
          source: '[ZIR] getProperty avg 30–34 ms: one request, as getProperties is',
          uncertain: true,
          why: 'getProperties of a whole store was not timed; the per-KB part is a guess (50 ms for a full 500 KB store)',
        },
        getKeys: {
          ms: 32,
          source: '[ZIR] getProperty avg 30–34 ms: one request',
          uncertain: true,
          why: 'not timed itself',
        },
        setProperty: { ms: 63, source: '[ZIR] setProperty avg 62 ms (script store), 64 ms (user store)' },
        setProperties: {
          ms: 63,
          msPerKb: 0.05,
          source: '[ZIR] setProperty avg 62–64 ms: one request, as setProperties is',
          uncertain: true,
          why: 'setProperties of many keys was not timed; the per-KB part is a guess',
        },
        deleteProperty: {
          ms: 63,
          source: '[ZIR] setProperty avg 62–64 ms',
          uncertain: true,
          why: 'taken as a write',
        },
        deleteAllProperties: {
          ms: 63,
          source: '[ZIR] setProperty avg 62–64 ms',
          uncertain: true,
          why: 'taken as a write',
        },
      },
    },
    CacheService: {
      default: { ms: 2, source: '[QII] getting the cache object: 2–3 ms' },
      methods: {
        get: {
          ms: 20,
          source: '[QII] get avg 20 ms (23 ms with 100 KB); [ZIR] 3–4 ms avg',
          uncertain: true,
          why: 'the two measurements disagree fivefold; the slower is taken',
        },
        getAll: {
          ms: 20,
          msPerKb: 0.01,
          source: '[QII] get avg 20–23 ms, the same with a 100 KB value',
          uncertain: true,
          why: 'getAll was not timed; [QII] saw no size effect up to 100 KB, which bounds the per-KB part at about 0.05; 10 ms per MB is taken for multi-MB images in chunks',
        },
        put: { ms: 60, source: '[QII] put avg 56–57 ms; [ZIR] 92 ms avg; [POE] ~63 ms for put+get' },
        putAll: {
          ms: 60,
          msPerKb: 0.01,
          source: '[QII] put avg 56–57 ms, the same with a 100 KB value',
          uncertain: true,
          why: 'putAll was not timed; per KB as for getAll',
        },
        remove: { ms: 88, source: '[QII] remove avg 88–90 ms' },
        removeAll: { ms: 88, source: '[QII] remove avg 88–90 ms', uncertain: true, why: 'removeAll was not timed' },
      },
    },
    LockService: {
      default: { ms: 2, source: 'getting a lock object makes no request', uncertain: true, why: NO_FIGURE },
      methods: {
        tryLock: {
          ms: 30,
          source: 'an uncontended lock is one request to a shared store',
          uncertain: true,
          why: `${NO_FIGURE}; taken as a property read [ZIR]`,
        },
        waitLock: {
          ms: 30,
          source: 'as tryLock',
          uncertain: true,
          why: `${NO_FIGURE}; taken as a property read [ZIR]`,
        },
        releaseLock: {
          ms: 30,
          source: 'as tryLock',
          uncertain: true,
          why: `${NO_FIGURE}; taken as a property read [ZIR]`,
        },
        hasLock: { ms: 1, source: 'the lock object knows', uncertain: true, why: NO_FIGURE },
      },
    },
    UrlFetchApp: {
      // HTTPResponse methods count for UrlFetchApp: the response is already in the execution.
      default: {
        ms: 1,
        msPerKb: 0.005,
        source: 'an HTTPResponse getter reads what fetch already received',
        uncertain: true,
        why: `${NO_FIGURE}; the per-KB part is decoding text (5 ms per MB)`,
      },
      methods: {
        fetch: {
          ms: 60,
          source:
            "[PRE] three sequential fetches 1.769 s, one fetchAll of them 0.929 s: the part that is Apps Script's own, not the remote's",
          uncertain: true,
          why: "[PRE] measured remote and overhead together; 60 ms is taken as Apps Script's share (the remote's own time is the model's, or a remote below)",
        },
        fetchAll: {
          ms: 60,
          source: '[PRE] as fetch: one fetchAll costs one fetch, its requests going at once',
          uncertain: true,
          why: 'as fetch',
        },
      },
    },
    Utilities: {
      default: {
        ms: 1,
        msPerKb: 0.01,
        source: 'Utilities runs in the execution (encoding, digests, blobs)',
        uncertain: true,
        why: `${NO_FIGURE}; 10 ms per MB of base64 or digest work`,
      },
      methods: {
        sleep: { ms: 0, source: 'the sleep itself is real time in the local runtime already' },
      },
    },
    SlidesApp: documentService({
      getActivePresentation: documentOpen,
      insertImage: pictureUpload,
      replace: pictureUpload,
      replaceWithImage: pictureUpload,
      setPictureFill: pictureUpload,
      setTitle: documentWrite,
      setDescription: documentWrite,
      setLeft: documentWrite,
      setTop: documentWrite,
      setWidth: documentWrite,
      setHeight: documentWrite,
      remove: documentWrite,
      insertSlide: documentWrite,
      appendSlide: documentWrite,
      setLinkUrl: documentWrite,
    }),
    DocumentApp: documentService({
      getActiveDocument: documentOpen,
      insertInlineImage: pictureUpload,
      appendInlineImage: pictureUpload,
      setAltTitle: documentWrite,
      setAltDescription: documentWrite,
      setWidth: documentWrite,
      setHeight: documentWrite,
      setLinkUrl: documentWrite,
      insertParagraph: documentWrite,
      removeFromParent: documentWrite,
      addNamedRange: documentWrite,
      remove: documentWrite,
    }),
    Session: {
      default: { ms: 5, source: 'identity is known to the execution', uncertain: true, why: NO_FIGURE },
    },
    ScriptApp: {
      default: {
        ms: 5,
        source: 'the OAuth token and identity are known to the execution',
        uncertain: true,
        why: NO_FIGURE,
      },
    },
    HtmlService: {
      default: {
        ms: 5,
        source: 'building the sidebar HTML from a project file',
        uncertain: true,
        why: NO_FIGURE,
      },
    },
    Logger: { default: { ms: 0, source: 'logging is buffered in the execution' } },
  },
  otherService: {
    ms: 5,
    source: 'a service call not listed here',
    uncertain: true,
    why: `${NO_FIGURE}; [GAS]: far slower than JavaScript`,
  },
  remotes: [
    {
      name: 'Drive upload',
      prefix: 'https://www.googleapis.com/upload/drive/v3/',
      cost: {
        ms: 600,
        msPerKb: 0.1,
        source: "Drive's multipart upload; the local stand-in answers at once",
        uncertain: true,
        why: `${NO_FIGURE} for Drive's REST API from Apps Script; 600 ms plus 100 ms per MB`,
      },
    },
    {
      name: 'Drive',
      prefix: 'https://www.googleapis.com/drive/v3/',
      cost: {
        ms: 250,
        msPerKb: 0.1,
        source: "Drive's metadata and download calls; the local stand-in answers at once",
        uncertain: true,
        why: `${NO_FIGURE} for Drive's REST API from Apps Script; [POE] timed a Firestore REST write+read pair at ~350 ms from Apps Script`,
      },
    },
  ],
};
