import { useMemo } from 'react';
import katex from 'katex';

/** A typeset formula. KaTeX renders to HTML it escapes itself; TeX here comes from the app, never from users. */
export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }),
    [tex, display],
  );
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
