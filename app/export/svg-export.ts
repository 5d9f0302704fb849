// A chart's <svg> as a standalone SVG file or a PNG (rendered through an <img> onto a canvas).
const VARS = ['--fg', '--muted', '--panel', '--grid'];

/** Serializes the SVG with the page's current theme colours pinned, so the file looks the same elsewhere. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const styles = getComputedStyle(svg);
  const pinned = VARS.map((v) => `${v}: ${styles.getPropertyValue(v).trim() || 'initial'}`).join('; ');
  clone.setAttribute('style', `${pinned}; color: ${styles.color}`);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

export function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg);
  const width = svg.width.baseVal.value;
  const height = svg.height.baseVal.value;
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
