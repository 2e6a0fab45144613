// Every element with text of its own whose colour, against the first opaque background
// behind it and through the opacity of its ancestors, contrasts with it below 4.5:1.
() => {
  const rgba = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const over = (top, alpha, under) => top.slice(0, 3).map((c, i) => c * alpha + under[i] * (1 - alpha));
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const own = Array.from(element.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(element);
    if (!own || style.visibility === "hidden" || element.closest(".visually-hidden, [hidden]")) continue;
    if (!element.getClientRects().length) continue;
    let opacity = 1, background = null;
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const nodeStyle = getComputedStyle(node);
      opacity *= Number(nodeStyle.opacity);
      const colour = rgba(nodeStyle.backgroundColor);
      if (!background && colour.length >= 3 && (colour[3] ?? 1) > 0.5) background = colour;
    }
    background = background || [255, 255, 255];
    const colour = rgba(style.color);
    const fg = over(colour, (colour[3] ?? 1) * opacity, background);
    const [a, b] = [luminance(fg), luminance(background)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) found.push(`${ratio.toFixed(2)}:1 ${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 40)}"`);
  }
  return found;
}
