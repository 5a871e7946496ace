// A timing probe installed in JupyterLab's page before it loads (`make bench-browser`, the browser test).
// It records, with performance.now():
//   - every moment something is drawn: a DOM change inside a Vega chart (the SVG renderer) or inside
//     the explorer being timed, or a draw call on a canvas (the canvas renderer, and Lab's PNG of a chart);
//   - each chart drawn: a new `.marks` element (one per Vega view);
//   - during an explorer change (start(box) .. stop()), every animation frame: whether the output shows
//     a drawn chart and how tall it is, so blank frames and layout jumps can be counted.
(() => {
  const probe = { lastDraw: 0, draws: 0, frames: null, box: null };
  window.__seriesProbe = probe;
  const inChart = (node) => node && node.nodeType === 1 ? node.closest(".vega-embed") : node && node.parentElement && node.parentElement.closest(".vega-embed");
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (inChart(r.target) || (probe.box && probe.box.contains(r.target))) probe.lastDraw = now;
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        const marks = n.matches(".marks") ? 1 : n.querySelectorAll(".marks").length;
        if (marks) { probe.draws += marks; probe.lastDraw = now; }
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  for (const name of ["fill", "stroke", "fillText", "drawImage", "fillRect"]) {
    const original = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (...args) {
      probe.lastDraw = performance.now();
      if (this.canvas) this.canvas.__inked = true;
      return original.apply(this, args);
    };
  }
  const drawn = (output) => {
    for (const m of output.querySelectorAll(".vega-embed .marks")) {
      if (m.tagName.toLowerCase() === "canvas" ? m.__inked : m.querySelector("g")) return true;
    }
    return false;
  };
  const frame = () => {
    if (!probe.box) return;
    const output = probe.box.querySelector(":scope > .widget-output") || probe.box;
    probe.frames.push([performance.now(), drawn(output), output.getBoundingClientRect().height]);
    requestAnimationFrame(frame);
  };
  probe.start = (box) => {
    probe.box = box;
    probe.frames = [];
    probe.started = performance.now();
    frame();
  };
  // Choose option `index` of the box's first dropdown as a reader would, and start timing; returns the start.
  probe.choose = (box, index) => {
    const select = box.querySelector("select");
    select.selectedIndex = index;
    probe.start(box);
    const t = performance.now();
    probe.lastDraw = t;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    return t;
  };
  probe.stop = () => {
    const frames = probe.frames || [];
    probe.box = null;
    return frames;
  };
})();
