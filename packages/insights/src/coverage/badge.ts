/** A coverage badge as a self-contained SVG (shields.io's flat style), made here: no network. */

/** The badge's colour: red under 60 %, then orange, yellow, yellow-green, green from 90 %. */
function colour(pct: number): string {
  if (pct >= 90) return '#4c1';
  if (pct >= 80) return '#97ca00';
  if (pct >= 70) return '#dfb317';
  if (pct >= 60) return '#fe7d37';
  return '#e05d44';
}

// Verdana 11px averages about 6.5 px a character; the text is short, an estimate is enough.
const width = (text: string) => Math.round(text.length * 6.5) + 10;

export function coverageBadge(pct: number, label = 'coverage'): string {
  const value = `${pct.toFixed(1)}%`;
  const left = width(label);
  const right = width(value);
  const total = left + right;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${label}: ${value}">
<title>${label}: ${value}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour(pct)}"/><rect width="${total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${value}</text>
</g>
</svg>
`;
}
