/** Credits for the built-in emoji dataset, written beside it for the app to show. */

export interface Credit {
  /** What the dataset takes from this source. */
  readonly part: string;
  readonly source: string;
  readonly package: string;
  readonly copyright: string;
  readonly licence: string;
  readonly licenceUrl: string;
  /** What was changed, as attribution licences ask. */
  readonly changes?: string;
}

export const EMOJI_ATTRIBUTION: { readonly title: string; readonly credits: readonly Credit[] } = {
  title: 'Emoji dataset',
  credits: [
    {
      part: 'Training images (Noto Emoji style)',
      source: 'Noto Emoji, https://github.com/googlefonts/noto-emoji',
      package: 'emoji-datasource-google 16.0.0',
      copyright: 'Copyright Google Inc.',
      licence: 'Apache License 2.0',
      licenceUrl: 'https://www.apache.org/licenses/LICENSE-2.0',
      changes: 'Reduced from 64x64 to 32x32 pixels and placed on a white background.',
    },
    {
      part: 'Emoji list, categories and image index',
      source: 'emoji-data, https://github.com/iamcal/emoji-data',
      package: 'emoji-datasource-google 16.0.0',
      copyright: 'Copyright (c) 2013 Cal Henderson',
      licence: 'MIT License',
      licenceUrl: 'https://opensource.org/license/mit',
    },
    {
      part: 'Captions: English names and keywords (Unicode CLDR annotations)',
      source: 'Emojibase, https://emojibase.dev; Unicode CLDR, https://cldr.unicode.org',
      package: 'emojibase-data 17.0.0',
      copyright: 'Copyright (c) 2017-2019 Miles Johnson; CLDR data Copyright Unicode, Inc.',
      licence: 'MIT License; Unicode License v3',
      licenceUrl: 'https://www.unicode.org/license.txt',
      changes: 'Names and keywords combined into caption sentences.',
    },
    {
      part: 'Evaluation images (Twemoji style)',
      source: 'Twemoji, https://github.com/jdecked/twemoji (via Iconify)',
      package: '@iconify-json/twemoji 1.2.5',
      copyright: 'Copyright Twitter, Inc. and other contributors',
      licence: 'CC BY 4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
      changes: 'Rasterised from SVG to 32x32 pixels on a white background.',
    },
  ],
};

export function attributionMarkdown(): string {
  const rows = EMOJI_ATTRIBUTION.credits.map(
    (c) =>
      `## ${c.part}\n\n${c.source}  \n${c.copyright}  \nLicence: ${c.licence} (${c.licenceUrl})  \n` +
      `From the npm package ${c.package}.${c.changes ? `  \nChanges: ${c.changes}` : ''}\n`,
  );
  return `# ${EMOJI_ATTRIBUTION.title}: attribution\n\n${rows.join('\n')}`;
}
