// newsgraph pages: timelines, the actor network and the article reader's side panel.
// Data comes from <script type="application/json"> blocks the server wrote; everything from
// the store is written with textContent or as SVG attributes, never as markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;

function svg(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function data(id) {
  const block = document.getElementById(id);
  return block ? JSON.parse(block.textContent) : null;
}

// "2024-03-05", "2024-03" or "1950" as ms since 1970 (years before 100 kept as written).
function parseDay(text) {
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(2000, (m || 1) - 1, d || 1));
  date.setUTCFullYear(y);
  return date.getTime();
}

function formatDay(ms, span) {
  const iso = new Date(ms).toISOString();
  if (span > 3 * 365 * DAY) return String(new Date(ms).getUTCFullYear());
  if (span > 90 * DAY) return iso.slice(0, 7);
  return iso.slice(0, 10);
}

// Tick marks at whole days, months or years, at most about eight of them.
const TICK_DAYS = [1, 2, 7, 14, 30, 91, 182, 365, 730, 1826, 3652, 18262, 36524];

function ticks([d0, d1]) {
  const days = TICK_DAYS.find((step) => (d1 - d0) / (step * DAY) <= 8) || TICK_DAYS[TICK_DAYS.length - 1];
  const found = [];
  const first = new Date(d0);
  if (days < 30) {
    first.setUTCHours(0, 0, 0, 0);
  } else if (days < 365) {
    first.setUTCHours(0, 0, 0, 0); first.setUTCDate(1);
  } else {
    first.setUTCHours(0, 0, 0, 0); first.setUTCMonth(0, 1);
  }
  for (const at = first; at.getTime() <= d1 && found.length < 20; ) {
    if (at.getTime() >= d0) found.push(at.getTime());
    if (days < 30) at.setUTCDate(at.getUTCDate() + days);
    else if (days < 365) at.setUTCMonth(at.getUTCMonth() + Math.round(days / 30.44));
    else at.setUTCFullYear(at.getUTCFullYear() + Math.round(days / 365.25));
  }
  return found;
}

// ---- timelines: items {start, end, lane, kind, label, href} in lanes over a zoomable axis
class Timeline {
  constructor(element, items) {
    this.element = element;
    this.items = items.map((item) => ({ ...item, t0: parseDay(item.start), t1: parseDay(item.end) + DAY }));
    this.lanes = [...new Set(this.items.map((item) => item.lane))].sort();
    const t0 = Math.min(...this.items.map((item) => item.t0));
    const t1 = Math.max(...this.items.map((item) => item.t1));
    const pad = Math.max((t1 - t0) * 0.05, DAY);
    this.full = [t0 - pad, t1 + pad];
    this.domain = [...this.full];
    this.labelWidth = 150;
    this.render();
    this.listen();
  }

  x(t, width) {
    const [d0, d1] = this.domain;
    return this.labelWidth + ((t - d0) / (d1 - d0)) * (width - this.labelWidth - 10);
  }

  render() {
    const width = Math.max(this.element.clientWidth, 400);
    const height = this.lanes.length * 24 + 34;
    this.element.textContent = "";
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, height, role: "img" }, this.element);
    const span = this.domain[1] - this.domain[0];
    for (const t of ticks(this.domain)) {
      const x = this.x(t, width);
      svg("line", { x1: x, x2: x, y1: 0, y2: height - 20, class: "gridline" }, root);
      const anchor = x > width - 40 ? "end" : x < this.labelWidth + 30 ? "start" : "middle";
      svg("text", { x, y: height - 6, "text-anchor": anchor, class: "tick" }, root).textContent = formatDay(t, span);
    }
    this.lanes.forEach((lane, i) => {
      svg("text", { x: 4, y: i * 24 + 18, class: "lane-label" }, root).textContent = lane;
    });
    const clip = svg("clipPath", { id: `${this.element.id}-clip` }, svg("defs", {}, root));
    svg("rect", { x: this.labelWidth, y: 0, width: width - this.labelWidth, height }, clip);
    const layer = svg("g", { "clip-path": `url(#${this.element.id}-clip)` }, root);
    for (const item of this.items) {
      const x0 = this.x(item.t0, width);
      const w = Math.max(this.x(item.t1, width) - x0, 6);
      const y = this.lanes.indexOf(item.lane) * 24 + 6;
      const parent = item.href ? svg("a", { href: item.href }, layer) : layer;
      const mark = svg("rect", { x: x0, y, width: w, height: 16, rx: 3, class: `item k-${item.kind}` }, parent);
      svg("title", {}, mark).textContent = `${item.start}${item.end !== item.start ? " – " + item.end : ""}\n${item.label}`;
    }
  }

  zoom(factor, centre) {
    const [d0, d1] = this.domain;
    const at = centre === undefined ? (d0 + d1) / 2 : centre;
    const span = Math.min(Math.max((d1 - d0) * factor, DAY), (this.full[1] - this.full[0]) * 4);
    const share = (at - d0) / (d1 - d0);
    this.domain = [at - span * share, at - span * share + span];
    this.render();
  }

  listen() {
    const controls = document.querySelector(`.timeline-controls[data-for="${this.element.id}"]`);
    if (controls) {
      controls.addEventListener("click", (event) => {
        const how = event.target.dataset.zoom;
        if (how === "in") this.zoom(0.5);
        if (how === "out") this.zoom(2);
        if (how === "reset") { this.domain = [...this.full]; this.render(); }
      });
    }
    this.element.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = this.element.getBoundingClientRect();
      const share = (event.clientX - box.left - this.labelWidth) / (box.width - this.labelWidth - 10);
      const at = this.domain[0] + share * (this.domain[1] - this.domain[0]);
      this.zoom(event.deltaY < 0 ? 0.8 : 1.25, at);
    }, { passive: false });
    let dragFrom = null;
    this.element.addEventListener("mousedown", (event) => { dragFrom = [event.clientX, [...this.domain]]; });
    window.addEventListener("mouseup", () => { dragFrom = null; });
    window.addEventListener("mousemove", (event) => {
      if (!dragFrom) return;
      const [x, [d0, d1]] = dragFrom;
      const shift = ((x - event.clientX) / (this.element.clientWidth - this.labelWidth)) * (d1 - d0);
      this.domain = [d0 + shift, d1 + shift];
      this.render();
    });
  }
}

function initTimelines() {
  for (const element of document.querySelectorAll(".timeline")) {
    const items = data(element.dataset.source) || [];
    if (!items.length) {
      element.classList.add("empty");
      element.textContent = "No dated events.";
      continue;
    }
    element.timeline = new Timeline(element, items);
  }
}

// ---- the actor network: a small force layout, edges coloured by quad category
// Fruchterman–Reingold: near nodes repel, links pull, gravity keeps unlinked parts close.
function layout(nodes, edges, width, height) {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    node.x = width / 2 + (width / 4) * Math.cos(angle);
    node.y = height / 2 + (height / 4) * Math.sin(angle);
  });
  const links = edges.map((edge) => [index.get(edge.source), index.get(edge.target)]);
  const k = Math.min(120, 0.4 * Math.sqrt((width * height) / Math.max(nodes.length, 1)));
  const steps = 300;
  for (let step = 0; step < steps; step++) {
    const temperature = (width / 10) * (1 - step / steps) + 1;
    const move = nodes.map((node) => [(width / 2 - node.x) * 0.15, (height / 2 - node.y) * 0.15]);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
        const d = Math.max(Math.hypot(dx, dy), 0.5);
        if (d > 3 * k) continue; // far apart already: let gravity bring parts together
        const push = (k * k) / d / d;
        move[i][0] += dx * push; move[i][1] += dy * push;
        move[j][0] -= dx * push; move[j][1] -= dy * push;
      }
    }
    for (const [a, b] of links) {
      const dx = nodes[a].x - nodes[b].x, dy = nodes[a].y - nodes[b].y;
      const pull = Math.max(Math.hypot(dx, dy), 0.5) / k;
      move[a][0] -= dx * pull; move[a][1] -= dy * pull;
      move[b][0] += dx * pull; move[b][1] += dy * pull;
    }
    nodes.forEach((node, i) => {
      const length = Math.hypot(move[i][0], move[i][1]) || 1;
      const step = Math.min(length, temperature);
      node.x = Math.min(width - 120, Math.max(30, node.x + (move[i][0] / length) * step));
      node.y = Math.min(height - 25, Math.max(25, node.y + (move[i][1] / length) * step));
    });
  }
}

function initNetwork() {
  const element = document.getElementById("network");
  const graph = data("network-data");
  if (!element || !graph) return;
  if (!graph.nodes.length) { element.textContent = "No links to draw."; return; }
  const width = element.clientWidth || 900, height = element.clientHeight || 600;
  layout(graph.nodes, graph.edges, width, height);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" }, element);
  const defs = svg("defs", {}, root);
  for (const kind of ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]) {
    const marker = svg("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
    svg("path", { d: "M0,0 L10,5 L0,10 z", class: `k-${kind}` }, marker);
  }
  const seen = new Map();
  const paths = graph.edges.map((edge) => {
    const pair = [edge.source, edge.target].sort().join("|");
    const nth = seen.get(pair) || 0;
    seen.set(pair, nth + 1);
    const path = svg("path", { class: `edge e-${edge.kind}`, "stroke-width": 1 + Math.log2(edge.events) * 1.5 }, root);
    if (!edge.symmetric) path.setAttribute("marker-end", `url(#arrow-${edge.kind})`);
    svg("title", {}, path).textContent = `${byId.get(edge.source).name} ${edge.symmetric ? "↔" : "→"} ${byId.get(edge.target).name}: ${edge.type} × ${edge.events} (${edge.articles} articles)`;
    return [path, edge, nth];
  });
  const draw = () => {
    for (const [path, edge, nth] of paths) {
      const a = byId.get(edge.source), b = byId.get(edge.target);
      const bend = (nth % 2 ? -1 : 1) * Math.ceil(nth / 2) * 18;
      const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
      const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const cx = mx - ((b.y - a.y) / length) * bend, cy = my + ((b.x - a.x) / length) * bend;
      path.setAttribute("d", `M${a.x},${a.y} Q${cx},${cy} ${b.x},${b.y}`);
    }
    for (const node of graph.nodes) node.group.setAttribute("transform", `translate(${node.x},${node.y})`);
  };
  const focus = element.dataset.focus;
  let dragging = null;
  for (const node of graph.nodes) {
    const link = svg("a", { href: `/actors/${encodeURIComponent(node.id)}` }, root);
    node.group = svg("g", { class: `node${node.id === focus ? " focus" : ""}` }, link);
    const degree = graph.edges.filter((edge) => edge.source === node.id || edge.target === node.id).length;
    svg("circle", { r: 5 + Math.min(degree, 10) }, node.group);
    svg("text", { x: 10, y: -8 }, node.group).textContent = node.name;
    svg("title", {}, node.group).textContent = `${node.name} (${node.kind}${node.country ? ", " + node.country : ""})`;
    node.group.addEventListener("mousedown", (event) => { event.preventDefault(); dragging = { node, moved: false }; });
    link.addEventListener("click", (event) => { if (dragging && dragging.moved) event.preventDefault(); dragging = null; });
  }
  root.addEventListener("mousemove", (event) => {
    if (!dragging) return;
    const box = root.getBoundingClientRect();
    dragging.node.x = ((event.clientX - box.left) / box.width) * width;
    dragging.node.y = ((event.clientY - box.top) / box.height) * height;
    dragging.moved = true;
    draw();
  });
  root.addEventListener("mouseup", () => { if (dragging && !dragging.moved) dragging = null; });
  draw();
}

// ---- the article reader: layer toggles and the side panel explaining each annotation
function showNotes(segment, notes) {
  const target = document.getElementById("explain-notes");
  target.textContent = "";
  for (const previous of document.querySelectorAll(".seg.selected")) previous.classList.remove("selected");
  segment.classList.add("selected");
  const shown = new Set();
  for (const ref of segment.dataset.refs.split(" ")) {
    const note = notes[ref];
    if (!note || shown.has(note)) continue;
    shown.add(note);
    const box = document.createElement("div");
    box.className = `note note-${note.layer}`;
    const title = document.createElement("h3");
    title.textContent = note.layer;
    box.appendChild(title);
    const list = document.createElement("dl");
    for (const [key, value] of Object.entries(note)) {
      if (key === "layer" || value === null || value === undefined || value === "") continue;
      const term = document.createElement("dt");
      term.textContent = key;
      const detail = document.createElement("dd");
      if (key === "actor") {
        const link = document.createElement("a");
        link.href = `/actors/${encodeURIComponent(value)}`;
        link.textContent = value;
        detail.appendChild(link);
      } else {
        detail.textContent = value === true ? "yes" : String(value);
      }
      list.append(term, detail);
    }
    box.appendChild(list);
    target.appendChild(box);
  }
}

function initArticle() {
  const body = document.getElementById("article-body");
  const notes = data("article-notes");
  if (!body || !notes) return;
  const open = (event) => {
    const segment = event.target.closest(".seg");
    if (segment) showNotes(segment, notes);
  };
  body.addEventListener("click", open);
  body.addEventListener("keydown", (event) => { if (event.key === "Enter") open(event); });
  for (const box of document.querySelectorAll("fieldset.layers input[data-layer]")) {
    box.addEventListener("change", () => body.classList.toggle(`hide-${box.dataset.layer}`, !box.checked));
  }
  const anchored = location.hash && document.getElementById(location.hash.slice(1));
  if (anchored && anchored.classList.contains("seg")) showNotes(anchored, notes);
}

document.addEventListener("DOMContentLoaded", () => {
  initTimelines();
  initNetwork();
  initArticle();
});
