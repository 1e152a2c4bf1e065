/**
 * The demo documents the workbench and tests start from: a 16:9 deck and a US Letter document with the cases
 * Peel handles (a title slide, text and notes for context, an empty picture placeholder, an image to replace; a
 * cursor in the body, a header, a footnote, an inline and a positioned image), and a long report that holds
 * what real documents hold (`demoReport`). Each call builds fresh state.
 */
import { encodePng } from '../support/image';
import type {
  BlockState,
  DeckState,
  DocumentState,
  FlowState,
  GroupElement,
  ImageData,
  InlineState,
  PageElementState,
  ShapeElement,
  SlideTableCellState,
  TableState,
} from './model';
import { refitGroups } from './slides/transform';

/** A small landscape (sky, sun, hills) as a real PNG: something recognisable to see replaced. */
export function illustrationPng(width = 160, height = 120): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  const sun = { x: width * 0.68, y: height * 0.42, r: height * 0.16 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = y / height;
      let rgb: [number, number, number] = [255 - 40 * t, 196 + 40 * t, 150 + 70 * t];
      if ((x - sun.x) ** 2 + (y - sun.y) ** 2 <= sun.r ** 2) rgb = [250, 140, 40];
      const ridge = height * (0.66 + 0.07 * Math.sin((x / width) * Math.PI * 2.2));
      if (y >= ridge) rgb = [70 + 30 * (1 - t), 140 - 30 * t, 70];
      const i = (y * width + x) * 4;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = 255;
    }
  }
  return encodePng({ width, height, data });
}

/**
 * A second, unlike picture (a teal field with a yellow diamond, the team's badge), so a blend of the two pictures
 * on slide 3 visibly carries both (issue 12).
 */
export function badgePng(width = 160, height = 100): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.abs(x - width / 2) / (width * 0.3) + Math.abs(y - height / 2) / (height * 0.4) <= 1;
      const rgb = inside ? [245, 200, 40] : [20, 110 + Math.round((60 * y) / height), 120];
      const i = (y * width + x) * 4;
      data.set([rgb[0] ?? 0, rgb[1] ?? 0, rgb[2] ?? 0, 255], i);
    }
  }
  return encodePng({ width, height, data });
}

function pngData(width: number, height: number, draw = illustrationPng): ImageData {
  const png = draw(width, height);
  return { mimeType: 'image/png', base64: Buffer.from(png).toString('base64'), pixelWidth: width, pixelHeight: height };
}

/** A shape as the demo documents (and the tests and bench that build their own decks) place one. */
export function shape(
  objectId: string,
  placeholder: ShapeElement['placeholder'],
  box: [left: number, top: number, width: number, height: number],
  text: string,
  shapeType = 'TEXT_BOX',
): ShapeElement {
  const [left, top, width, height] = box;
  return {
    kind: 'shape',
    objectId,
    left,
    top,
    width,
    height,
    title: '',
    description: '',
    placeholder,
    shapeType,
    text,
  };
}

const STORY: readonly (readonly [title: string, body: string])[] = [
  ['Twelve sites, one season', 'Field teams visited every site weekly from April to September.'],
  ['Water use down by a fifth', 'Two new irrigation schedules saved water without hurting yields.'],
  ['Soil held its moisture', 'The northern sites stayed wetter than the forecast said.'],
  ['Next season', 'A map of every site and a diagram of the sampling method.'],
];

export function demoDeck(): DeckState {
  return {
    kind: 'deck',
    id: 'peel-demo-deck',
    name: 'Peel demo',
    pageWidth: 720,
    pageHeight: 405,
    slides: [
      {
        objectId: 'slide-1',
        layout: 'TITLE',
        speakerNotes: 'Welcome. Everything on the next slides was illustrated without leaving Slides.',
        elements: [
          shape('s1-title', 'CENTERED_TITLE', [36, 117, 648, 90], 'Peel demo'),
          shape(
            's1-subtitle',
            'SUBTITLE',
            [36, 215, 648, 50],
            'Illustrations from Gemini, right inside Slides and Docs',
          ),
        ],
      },
      {
        objectId: 'slide-2',
        layout: 'TITLE_AND_BODY',
        speakerNotes:
          'Open with the picture-superiority effect: after three days people recall about 65% of what they saw ' +
          'illustrated and about 10% of what they only heard. Then show the before/after of slide 3.',
        elements: [
          shape('s2-title', 'TITLE', [36, 22, 648, 58], 'Why illustrations matter'),
          shape(
            's2-body',
            'BODY',
            [36, 92, 648, 280],
            [
              'People remember pictures far longer than bullet points',
              'A good image sets the tone before anyone reads a word',
              'Custom illustrations match your brand; stock photos rarely do',
              'Making them in place keeps the deck moving',
            ].join('\n'),
          ),
        ],
      },
      {
        objectId: 'slide-3',
        layout: 'TITLE_AND_PICTURE',
        speakerNotes: 'Fill the picture placeholder with an illustration of the field team at work.',
        elements: [
          shape('s3-title', 'TITLE', [36, 22, 648, 58], 'The field team at work'),
          shape('s3-picture', 'PICTURE', [36, 92, 420, 290], '', 'RECTANGLE'),
          {
            kind: 'image',
            objectId: 's3-image',
            left: 480,
            top: 92,
            width: 204,
            height: 153,
            title: 'Sunrise over the test plots',
            description: 'An orange sun rising over green hills',
            placeholder: 'NONE',
            image: pngData(160, 120),
          },
          {
            kind: 'image',
            objectId: 's3-badge',
            left: 480,
            top: 257,
            width: 204,
            height: 125,
            title: 'The field team’s badge',
            description: 'A yellow diamond on teal',
            placeholder: 'NONE',
            image: pngData(160, 98, badgePng),
          },
        ],
      },
      // Text and no picture, with room beside the text: what "Illustrate the deck" chooses by default (issue 13).
      ...STORY.map(([title, body], i) => ({
        objectId: `slide-story-${i + 1}`,
        layout: 'TITLE_AND_BODY',
        speakerNotes: '',
        elements: [
          shape(`story${i + 1}-title`, 'TITLE', [36, 22, 340, 58], title),
          shape(`story${i + 1}-body`, 'BODY', [36, 92, 340, 280], body),
        ],
      })),
    ],
    selection: { pageId: 'slide-1', elementIds: [], text: null },
    // A warm theme of the deck's own (not Slides' default), so "match this slide's colours" visibly recolours.
    theme: {
      DARK1: '#1f2933',
      LIGHT1: '#ffffff',
      DARK2: '#3e4c59',
      LIGHT2: '#f5f0e8',
      ACCENT1: '#e4572e',
      ACCENT2: '#f3a712',
      ACCENT3: '#29335c',
      ACCENT4: '#669bbc',
      ACCENT5: '#2a9d8f',
      ACCENT6: '#8ab17d',
      HYPERLINK: '#29335c',
      FOLLOWED_HYPERLINK: '#6b4e71',
    },
  };
}

/** A group of elements, sized to them as Slides sizes a group. */
export function group(objectId: string, children: PageElementState[]): GroupElement {
  const made: GroupElement = {
    kind: 'group',
    objectId,
    left: 0,
    top: 0,
    width: 0,
    height: 0,
    title: '',
    description: '',
    children,
  };
  refitGroups([made]);
  return made;
}

/**
 * A pitch deck as people make them: a table of figures with a merged row, a grouped logo (a picture and its
 * word), a rotated callout, a chart from Sheets with an arrow pointing at it, a video, word art, and speaker
 * notes on every slide. What Peel must never cover: `npm start -- --demo pitch` opens it.
 */
export function pitchDeck(): DeckState {
  const cell = (
    text: string,
    span: Partial<Pick<SlideTableCellState, 'rowSpan' | 'columnSpan'>> = {},
  ): SlideTableCellState => ({
    text,
    ...span,
  });
  const logo = group('p3-logo', [
    {
      kind: 'image',
      objectId: 'p3-logo-mark',
      left: 560,
      top: 30,
      width: 48,
      height: 30,
      title: 'Loop logo',
      description: 'A yellow diamond on teal',
      placeholder: 'NONE',
      image: pngData(160, 100, badgePng),
    },
    { ...shape('p3-logo-word', 'NONE', [614, 26, 70, 38], 'Loop'), fill: '#ffffff' },
  ]);
  return {
    kind: 'deck',
    id: 'peel-pitch-deck',
    name: 'Loop – seed round',
    pageWidth: 720,
    pageHeight: 405,
    slides: [
      {
        objectId: 'pitch-1',
        layout: 'TITLE',
        speakerNotes: 'Thirty seconds: who we are and what we ask for. Pause on the word "refill".',
        elements: [
          {
            kind: 'wordArt',
            objectId: 'p1-wordart',
            left: 300,
            top: 40,
            width: 120,
            height: 56,
            title: '',
            description: '',
            text: 'LOOP',
          },
          shape('p1-title', 'CENTERED_TITLE', [36, 117, 648, 90], 'Refillable cleaning, delivered'),
          shape('p1-subtitle', 'SUBTITLE', [36, 215, 648, 50], 'Seed round · 2026'),
        ],
      },
      {
        objectId: 'pitch-2',
        layout: 'TITLE_ONLY',
        speakerNotes: 'Read the retention column aloud; the target row is what the round pays for.',
        elements: [
          shape('p2-title', 'TITLE', [36, 22, 648, 58], 'Traction'),
          {
            kind: 'table',
            objectId: 'p2-table',
            left: 36,
            top: 92,
            width: 400,
            height: 200,
            title: 'Traction by quarter',
            description: '',
            rows: [
              [cell(''), cell('Q1'), cell('Q2'), cell('Q3')],
              [cell('Customers'), cell('2,100'), cell('4,800'), cell('9,300')],
              [cell('Revenue'), cell('$31k'), cell('$74k'), cell('$151k')],
              [cell('Retention'), cell('81%'), cell('86%'), cell('90%')],
              [cell('Target for Q4: 20,000 customers', { columnSpan: 4 }), cell(''), cell(''), cell('')],
            ],
          },
        ],
      },
      {
        objectId: 'pitch-3',
        layout: 'TITLE_AND_BODY',
        speakerNotes: 'The callout is the line people remember: three times cheaper than bottled.',
        elements: [
          shape('p3-title', 'TITLE', [36, 22, 480, 58], 'Why now'),
          shape(
            'p3-body',
            'BODY',
            [36, 92, 360, 200],
            [
              'Single-use plastic bans in 14 states',
              'Concentrates ship at a tenth of the weight',
              'Subscriptions are how people already buy',
            ].join('\n'),
          ),
          logo,
          {
            ...shape('p3-callout', 'NONE', [430, 262, 190, 70], '3× cheaper than bottled', 'WEDGE_RECTANGLE_CALLOUT'),
            rotation: 350,
            fill: '#f3a712',
            border: { color: '#29335c', weight: 2 },
            link: 'https://example.com/pricing',
          },
        ],
      },
      {
        objectId: 'pitch-4',
        layout: 'TITLE_ONLY',
        speakerNotes: 'Revenue tripled since launch; the arrow points at the quarter the subscription went live.',
        elements: [
          shape('p4-title', 'TITLE', [36, 22, 648, 58], 'Growth'),
          {
            kind: 'chart',
            objectId: 'p4-chart',
            left: 36,
            top: 92,
            width: 380,
            height: 240,
            title: 'Monthly revenue',
            description: 'Revenue by month, rising from $9k to $52k',
            chartId: 1843290,
            spreadsheetId: '1LoopFinanceModel',
            bars: [0.17, 0.22, 0.3, 0.36, 0.47, 0.58, 0.71, 0.86, 1],
          },
          shape('p4-note', 'NONE', [560, 92, 124, 80], 'Subscription launched in May'),
          {
            // From the note's left edge down to the chart: drawn right to left, so mirrored.
            kind: 'line',
            objectId: 'p4-arrow',
            left: 420,
            top: 130,
            width: 136,
            height: 50,
            title: '',
            description: '',
            flipH: true,
            category: 'STRAIGHT',
            endArrow: 'FILL_ARROW',
            weight: 2,
            color: '#e4572e',
          },
        ],
      },
      {
        objectId: 'pitch-5',
        layout: 'TITLE_ONLY',
        speakerNotes: 'Play the first 20 seconds only; the refill moment is at 0:12.',
        elements: [
          shape('p5-title', 'TITLE', [36, 22, 648, 58], 'See a refill'),
          {
            kind: 'video',
            objectId: 'p5-video',
            left: 36,
            top: 92,
            width: 400,
            height: 225,
            title: 'A refill in 20 seconds',
            description: '',
            source: 'YOUTUBE',
            videoId: 'dQw4w9WgXcQ',
          },
          shape('p5-caption', 'NONE', [36, 325, 400, 40], 'Filmed in our Oakland pilot, March 2026'),
        ],
      },
    ],
    selection: { pageId: 'pitch-1', elementIds: [], text: null },
    theme: demoDeck().theme as NonNullable<DeckState['theme']>,
  };
}

function paragraph(id: string, text: string, heading = 'NORMAL', kind: BlockState['kind'] = 'paragraph'): BlockState {
  return block(id, text === '' ? [] : [{ kind: 'text', text }], heading, kind);
}

function block(
  id: string,
  children: InlineState[],
  heading = 'NORMAL',
  kind: BlockState['kind'] = 'paragraph',
): BlockState {
  return { id, kind, heading, children, positionedImages: [] };
}

/** US Letter in points with one-inch margins, Docs' default page in the US. */
export const US_LETTER = {
  pageWidth: 612,
  pageHeight: 792,
  marginLeft: 72,
  marginRight: 72,
  marginTop: 72,
  marginBottom: 72,
} as const;

export function demoDoc(): DocumentState {
  const figure = paragraph('b-figure', '');
  figure.alignment = 'CENTER';
  figure.children.push({
    kind: 'image',
    id: 'img-sunrise',
    image: pngData(160, 120),
    width: 240,
    height: 180,
    altTitle: 'Sunrise over the test plots',
    altDescription: 'An orange sun rising over green hills',
  });
  const findings = paragraph(
    'b-findings',
    'Soil moisture held up better than forecast at the northern sites, and the two new irrigation schedules ' +
      'cut water use by a fifth without hurting yields.',
  );
  findings.positionedImages.push({ id: 'pos-stamp', image: pngData(64, 48), width: 96, height: 72 });
  const readers =
    'Readers skim. A well-chosen picture tells them what a section is about before they read a word, and it ' +
    'stays with them after they close the document.';
  return {
    kind: 'doc',
    id: 'peel-demo-doc',
    name: 'Illustrated field report',
    ...US_LETTER,
    body: [
      paragraph('b-title', 'Illustrating the 2025 Field Report', 'TITLE'),
      paragraph(
        'b-intro',
        'This report collects what our field teams saw across twelve sites this season. Each section pairs the ' +
          'findings with an illustration, so readers can take in the story at a glance.',
      ),
      paragraph('b-why', 'Why we illustrate', 'HEADING1'),
      paragraph('b-readers', readers),
      paragraph('b-list-1', 'Pictures are remembered longer than text alone', 'NORMAL', 'listItem'),
      paragraph(
        'b-list-2',
        'Illustrations can show what photos cannot: processes, forecasts, ideas',
        'NORMAL',
        'listItem',
      ),
      paragraph('b-list-3', 'A consistent style makes a long report read as one piece of work', 'NORMAL', 'listItem'),
      paragraph('b-found', 'What we found', 'HEADING1'),
      findings,
      figure,
      paragraph('b-next', 'Next season we will add a map of every site and a diagram of the sampling method.'),
    ],
    header: [paragraph('h-1', 'Northwind Field Report · Draft for review')],
    footer: [],
    footnotes: [paragraph('fn-1', 'Measured weekly between April and September at a depth of 10 cm.')],
    selection: {
      // At the end of a body paragraph: where "insert at cursor" lands.
      cursor: { section: 'body', blockId: 'b-readers', offset: readers.length },
      range: null,
      imageId: null,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The long report

const text = (value: string): InlineState => ({ kind: 'text', text: value });
const note = (n: number): InlineState => ({ kind: 'footnote', id: `r-fnref-${n}`, footnoteId: `r-fn-${n}` });

/** A table whose cells are one paragraph each; cell paragraphs are `r-<id>-<row>-<column>`, from 1. */
function figures(id: string, rows: readonly (readonly string[])[]): TableState {
  return {
    kind: 'table',
    id,
    rows: rows.map((row, r) => ({
      id: `${id}-row-${r + 1}`,
      cells: row.map((value, c) => ({
        id: `${id}-cell-${r + 1}-${c + 1}`,
        ...(r === 0 ? { background: '#e8eef7' } : {}),
        blocks: [block(`${id}-${r + 1}-${c + 1}`, value === '' ? [] : [text(value)])],
      })),
    })),
  };
}

/**
 * A long report as people write them: a header with the organisation's logo and a footer on every page, a
 * title, HEADING1 and HEADING2 sections, footnotes in the text, a table of figures, numbered and bulleted lists,
 * a picture wrapped in the text (a positioned image), a horizontal rule, a page break and an inline figure.
 * Stable ids (`r-…`) let tests put the cursor in a table cell, by a footnote or in the header.
 */
export function demoReport(): DocumentState {
  const intro =
    'This report sets out what our field teams measured at twelve sites between April and September, what it ' +
    'means for next season, and how the measurements were taken.';
  const summary = block('r-summary', [
    text(
      'Water use fell by a fifth across the sites on the new schedules while yields held, and the northern ' +
        'sites kept more moisture in their soil than the forecast said they would.',
    ),
  ]);
  summary.positionedImages.push({
    id: 'r-pos-map',
    image: pngData(96, 72),
    width: 144,
    height: 108,
    left: 324,
    top: 6,
    layout: 'WRAP_TEXT',
  });
  const figure = block('r-figure', [
    {
      kind: 'image',
      id: 'r-img-plots',
      image: pngData(160, 120),
      width: 320,
      height: 240,
      altTitle: 'The test plots at sunrise',
      altDescription: 'An orange sun over green hills and rows of plots',
    },
  ]);
  figure.alignment = 'CENTER';
  const header = block('r-h-1', [
    {
      kind: 'image',
      id: 'r-img-logo',
      image: pngData(48, 30, badgePng),
      width: 48,
      height: 30,
      altTitle: 'Northwind Research logo',
      altDescription: 'A yellow diamond on teal',
    },
    text('  Northwind Research · Annual field report 2025'),
  ]);
  const body: FlowState[] = [
    block('r-title', [text('Annual Field Report 2025')], 'TITLE'),
    block('r-subtitle', [text('Water, soil and yields across twelve sites')], 'SUBTITLE'),
    block('r-intro', [text(intro)]),
    block('r-summary-h', [text('Summary')], 'HEADING1'),
    summary,
    block('r-key-1', [text('Water use fell by 21% on the new irrigation schedules')], 'NORMAL', 'listItem'),
    block('r-key-2', [text('Yields held within 2% of last season at every site')], 'NORMAL', 'listItem'),
    block('r-key-3', [text('The northern sites stayed wetter than forecast all summer')], 'NORMAL', 'listItem'),
    block('r-results-h', [text('Results')], 'HEADING1'),
    block('r-water-h', [text('Water use')], 'HEADING2'),
    block('r-water', [
      text('Every site on the new schedules used less water than the year before'),
      note(1),
      text(', the most at the sandy southern sites.'),
    ]),
    figures('r-table', [
      ['Site', 'Water (m³/ha)', 'Yield (t/ha)', 'Change in water'],
      ['North ridge', '3,120', '6.8', '−24%'],
      ['River flats', '3,480', '7.1', '−19%'],
      ['South sands', '3,950', '5.9', '−27%'],
      ['East terraces', '3,300', '6.4', '−15%'],
    ]),
    block('r-table-caption', [text('Table 1. Water used and crop harvested per hectare, April to September.')]),
    block('r-soil-h', [text('Soil moisture')], 'HEADING2'),
    block('r-soil', [
      text('Soil moisture'),
      note(2),
      text(' at 10 cm stayed above the wilting point at every northern site, even through the dry weeks of July.'),
    ]),
    block('r-soil-1', [text('Mulched plots lost moisture most slowly')], 'NORMAL', 'listItem'),
    block('r-soil-2', [text('Clay soils held water for about four days after rain')], 'NORMAL', 'listItem'),
    block('r-soil-3', [text('Sandy soils needed watering twice as often')], 'NORMAL', 'listItem'),
    block('r-rule', [{ kind: 'horizontalRule', id: 'r-hr' }]),
    block('r-methods-h', [text('Methods')], 'HEADING1'),
    block('r-methods', [
      text('Teams visited every site weekly and read the probes at the same hour each time'),
      note(3),
      text('.'),
    ]),
    block('r-break', [{ kind: 'pageBreak', id: 'r-pb' }]),
    block('r-appendix-h', [text('Appendix: the sites')], 'HEADING1'),
    block('r-appendix', [text('The twelve sites span three soil types and two rainfall zones.')]),
    figure,
    block('r-next', [text('Next season we will add a map of every site and a diagram of the sampling method.')]),
  ];
  for (const id of ['r-key-1', 'r-key-2', 'r-key-3']) {
    const item = body.find((b) => b.id === id);
    if (item && item.kind !== 'table') item.glyph = 'NUMBER';
  }
  return {
    kind: 'doc',
    id: 'peel-demo-report',
    name: 'Annual field report 2025',
    ...US_LETTER,
    body,
    header: [header],
    footer: [block('r-f-1', [text('Northwind Research · Draft for the board, not for circulation')])],
    footnotes: [
      block('r-fn-1', [text('Compared with the same weeks of 2024, read from each site’s meter.')]),
      block('r-fn-2', [text('Capacitance probes, calibrated for each soil type in March.')]),
      block('r-fn-3', [text('Between 9 and 10 in the morning, before any irrigation that day.')]),
    ],
    selection: {
      cursor: { section: 'body', blockId: 'r-intro', offset: intro.length },
      range: null,
      imageId: null,
    },
  };
}
