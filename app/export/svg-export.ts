// A chart's <svg> as a standalone SVG file or a PNG (rendered through an <img> onto a canvas).
const VARS = ['--fg', '--muted', '--panel', '--grid'];

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A title line above the chart, so an exported file says what it shows (the page has a panel title). */
function addTitle(clone: SVGSVGElement, title: string, fontPx: number): void {
  const band = Math.round(fontPx * 2);
  const width = Number(clone.getAttribute('width'));
  const height = Number(clone.getAttribute('height'));
  const body = document.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0,${band})`);
  for (const child of Array.from(clone.childNodes)) if (child.nodeName !== 'style') body.appendChild(child);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('class', 'bg');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(band));
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('class', 'chart-title');
  text.setAttribute('x', String(fontPx));
  text.setAttribute('y', String(Math.round(fontPx * 1.4)));
  text.textContent = title;
  clone.append(bg, text, body);
  clone.setAttribute('height', String(height + band));
}

/** Serializes the SVG with the page's current theme colours pinned, so the file looks the same elsewhere. */
export function svgText(svg: SVGSVGElement, title?: string): string {
  return serialize(svg, title).text;
}

function serialize(svg: SVGSVGElement, title?: string): { text: string; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const a of ['tabindex', 'role', 'aria-roledescription', 'data-testid']) clone.removeAttribute(a);
  const styles = getComputedStyle(svg);
  if (title) addTitle(clone, title, Number.parseFloat(styles.fontSize) || 11);
  const pinned = VARS.map((v) => `${v}: ${styles.getPropertyValue(v).trim() || 'initial'}`).join('; ');
  // The font size too: the chart's margins were laid out for it.
  clone.setAttribute('style', `${pinned}; color: ${styles.color}; font-size: ${styles.fontSize}`);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`,
    height: Number(clone.getAttribute('height')),
  };
}

export function svgToPng(svg: SVGSVGElement, title?: string, scale = 2): Promise<Blob> {
  const { text, height } = serialize(svg, title);
  const width = svg.width.baseVal.value;
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d')!;
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
        'image/png',
      );
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the chart could not be rendered to PNG'));
    };
    img.src = url;
  });
}
