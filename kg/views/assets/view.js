/* The script of every kg view page: draws the graph held in #kg-data with sigma.js (the
 * kgSigma bundle) and wires search, filters, tooltips and the details panel.
 *
 * Record text (names, titles, sentences) only ever enters the DOM as textContent, and links
 * only get http(s) addresses that kg made from validated identifiers, so a record cannot
 * inject markup or script.  Positions come from kg (no physics here).  window.kgView tells
 * tests and curious users what the page promised and what it drew.
 */
(function () {
  "use strict";

  var view = (window.kgView = {
    ready: false,
    error: null,
    promised: null,
    drawn: { nodes: 0, edges: 0 },
    matches: 0,
    selected: null,
    highlighted: 0,
    timings: {},
  });
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  view.promised = data.promised;
  view.timings.parsed = performance.now();

  var GREY = "#e4e4e4";
  var COLLABORATION = new Set(["CO_AUTHORED_WITH", "COLLABORATES_WITH"]);
  var LABEL_CHARS = 40;
  var nodes = data.nodes;
  var edges = data.edges;
  var container = document.getElementById("kg-graph");
  var tooltip = document.getElementById("kg-tooltip");
  var details = document.getElementById("kg-details");
  var filters = document.getElementById("kg-filters");
  var drawnNote = document.getElementById("kg-drawn");
  var searchBox = document.getElementById("kg-search");
  var searchCount = document.getElementById("kg-search-count");

  // -- small DOM helpers: text only, never HTML --------------------------------------------

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  function link(text, address) {
    if (!/^https?:\/\//.test(address)) return el("span", null, text);
    var anchor = el("a", null, text);
    anchor.href = address;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  }

  function count(number) {
    return Number(number).toLocaleString("en-US");
  }

  function ends(edge) {
    return nodes[edge.s].n + (edge.d ? " \u2192 " : " \u2014 ") + nodes[edge.t].n;
  }

  function short(text) {
    return text.length <= LABEL_CHARS ? text : text.slice(0, LABEL_CHARS - 1) + "\u2026";
  }

  // -- the graph -------------------------------------------------------------------------

  var Graph = window.kgSigma.Graph;
  var Sigma = window.kgSigma.Sigma;
  var graph = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
  var lowerNames = [];
  var idIndex = new Map();
  nodes.forEach(function (node, i) {
    graph.addNode(String(i), {
      x: node.x,
      y: node.y,
      size: node.s,
      color: node.c,
      label: short(node.n),
      forceLabel: Boolean(node.e),
      i: i,
    });
    lowerNames.push(node.n.toLowerCase());
    idIndex.set(node.id, i);
  });
  edges.forEach(function (edge, j) {
    var attributes = { size: edge.w, color: edge.c, type: edge.d ? "arrow" : "line", j: j };
    if (edge.d) graph.addDirectedEdgeWithKey("e" + j, String(edge.s), String(edge.t), attributes);
    else graph.addUndirectedEdgeWithKey("e" + j, String(edge.s), String(edge.t), attributes);
  });

  view.timings.graph = performance.now();

  // -- what is visible -------------------------------------------------------------------

  var hiddenLabels = new Set();
  var hiddenGroups = new Set();
  var hiddenEdgeGroups = new Set();
  var showFaint = true;
  var yearFrom = null;
  var yearTo = null;
  var nodeOn = new Uint8Array(nodes.length);
  var edgeOn = new Uint8Array(edges.length);
  var selectedNode = null;
  var selectedEdge = null;
  var focus = null; // node indices kept in colour while something is selected
  var matches = new Set();

  function inYears(years) {
    if (!years || yearFrom === null) return true;
    for (var k = 0; k < years.length; k++) {
      if (years[k] >= yearFrom && years[k] <= yearTo) return true;
    }
    return false;
  }

  function recompute() {
    nodes.forEach(function (node, i) {
      nodeOn[i] =
        !hiddenLabels.has(node.l) && !hiddenGroups.has(node.g) && inYears(node.yr) ? 1 : 0;
    });
    edges.forEach(function (edge, j) {
      edgeOn[j] =
        nodeOn[edge.s] &&
        nodeOn[edge.t] &&
        !hiddenEdgeGroups.has(edge.g) &&
        (showFaint || !edge.fa) &&
        inYears(edge.yr)
          ? 1
          : 0;
    });
  }

  function nodeReducer(key, attributes) {
    var i = attributes.i;
    if (!nodeOn[i]) return Object.assign({}, attributes, { hidden: true });
    var shown = Object.assign({}, attributes);
    if (focus !== null) {
      if (focus.has(i)) {
        shown.zIndex = 1;
        if (focus.size <= 40) shown.forceLabel = true;
      } else {
        shown.color = GREY;
        shown.label = "";
        shown.zIndex = 0;
      }
    }
    if (matches.has(i)) {
      shown.highlighted = true;
      shown.forceLabel = true;
      shown.zIndex = 2;
    }
    return shown;
  }

  function edgeReducer(key, attributes) {
    var j = attributes.j;
    if (!edgeOn[j]) return Object.assign({}, attributes, { hidden: true });
    if (selectedNode !== null) {
      var edge = edges[j];
      if (edge.s !== selectedNode && edge.t !== selectedNode) {
        return Object.assign({}, attributes, { hidden: true });
      }
      return Object.assign({}, attributes, { zIndex: 1 });
    }
    if (selectedEdge !== null) {
      if (selectedEdge === j) {
        return Object.assign({}, attributes, { size: attributes.size + 2, zIndex: 1 });
      }
      return Object.assign({}, attributes, { color: GREY });
    }
    return attributes;
  }

  recompute();
  var renderer;
  try {
    renderer = new Sigma(graph, container, {
      nodeReducer: nodeReducer,
      edgeReducer: edgeReducer,
      zIndex: true,
      enableEdgeEvents: Boolean(data.edgeEvents),
      hideEdgesOnMove: edges.length > 20000,
      labelFont: "system-ui, -apple-system, 'Segoe UI', sans-serif",
      labelSize: 13,
      labelDensity: 1,
      labelGridCellSize: 220,
      labelRenderedSizeThreshold: 7,
      minCameraRatio: 0.01,
      maxCameraRatio: 4,
    });
  } catch (error) {
    view.error = String(error);
    container.replaceChildren(
      el(
        "p",
        "kg-error",
        "This view needs WebGL, which this browser has switched off or does not offer (" +
          view.error +
          "). The graph itself is in graph.json next to this page."
      )
    );
    return;
  }

  view.timings.renderer = performance.now();

  function countDrawn() {
    var drawnNodes = 0;
    var drawnEdges = 0;
    graph.forEachNode(function (key) {
      var shown = renderer.getNodeDisplayData(key);
      if (shown && !shown.hidden) drawnNodes++;
    });
    graph.forEachEdge(function (key) {
      var shown = renderer.getEdgeDisplayData(key);
      if (shown && !shown.hidden) drawnEdges++;
    });
    view.drawn = { nodes: drawnNodes, edges: drawnEdges };
    drawnNote.textContent =
      "Drawn now: " + count(drawnNodes) + " nodes, " + count(drawnEdges) + " edges.";
  }

  function redraw() {
    renderer.refresh();
    countDrawn();
  }

  // -- selection and the details panel ---------------------------------------------------

  function neighboursOf(i) {
    var found = new Set([i]);
    graph.forEachEdge(String(i), function (key, attributes, source, target) {
      if (!edgeOn[attributes.j]) return;
      found.add(Number(source));
      found.add(Number(target));
    });
    return found;
  }

  function clearSelection() {
    selectedNode = null;
    selectedEdge = null;
    focus = null;
    view.selected = null;
    view.highlighted = 0;
    details.hidden = true;
    details.replaceChildren();
    redraw();
  }

  function panelHeader(title, kind) {
    details.replaceChildren();
    var close = el("button", "kg-close", "\u00d7");
    close.type = "button";
    close.title = "Close";
    close.addEventListener("click", clearSelection);
    details.append(close, el("h2", null, title), el("p", "kg-kind", kind));
  }

  function factList(facts) {
    var list = el("dl", "kg-facts");
    (facts || []).forEach(function (fact) {
      list.append(el("dt", null, fact[0]), el("dd", null, fact[1]));
    });
    return list;
  }

  function selectNode(i) {
    if (!nodeOn[i]) return;
    selectedEdge = null;
    selectedNode = i;
    focus = neighboursOf(i);
    view.selected = nodes[i].id;
    view.highlighted = focus.size - 1;
    var node = nodes[i];
    panelHeader(node.n, data.labels[node.l].name);
    details.append(factList(node.f));
    if (node.k && node.k.length) {
      var links = el("p", "kg-links");
      node.k.forEach(function (pair, k) {
        if (k) links.append(document.createTextNode(" \u00b7 "));
        links.append(link(pair[0], pair[1]));
      });
      details.append(links);
    }
    var others = Array.from(focus).filter(function (k) {
      return k !== i;
    });
    details.append(
      el("p", "kg-note", count(others.length) + " neighbour" + (others.length === 1 ? "" : "s") +
        " highlighted" + (others.length ? ":" : "."))
    );
    if (others.length) {
      others.sort(function (a, b) {
        return nodes[b].s - nodes[a].s || a - b;
      });
      var list = el("ul", "kg-neighbours");
      others.slice(0, 50).forEach(function (k) {
        var item = el("li");
        var button = el("button", "kg-jump", nodes[k].n);
        button.type = "button";
        button.addEventListener("click", function () {
          selectNode(k);
          moveTo(k);
        });
        item.append(button, el("span", "kg-kind", " " + data.labels[nodes[k].l].name));
        list.append(item);
      });
      details.append(list);
      if (others.length > 50) {
        details.append(el("p", "kg-note", "and " + count(others.length - 50) + " more"));
      }
    }
    details.hidden = false;
    details.parentNode.scrollTop = 0;
    redraw();
  }

  function selectEdge(j) {
    var edge = edges[j];
    selectedNode = null;
    selectedEdge = j;
    focus = new Set([edge.s, edge.t]);
    view.selected = "edge:" + j;
    view.highlighted = 2;
    var joint = COLLABORATION.has(data.edgeTypes[edge.ty]);
    panelHeader(data.edgeTypes[edge.ty], ends(edge));
    details.append(factList(edge.f));
    if (edge.ev && edge.ev.length) {
      details.append(el("h3", null, joint ? "Joint papers" : "Supporting sentences"));
      var list = el("ol", "kg-evidence");
      edge.ev.forEach(function (row) {
        var item = el("li");
        item.append(el(joint ? "span" : "q", null, row[0]));
        var source = el("div", "kg-source");
        source.append(row[2] ? link(row[1], row[2]) : el("span", null, row[1]));
        if (row[3]) source.append(el("span", "kg-tag", row[3]));
        if (row[4] && row[4] !== "asserted") source.append(el("span", "kg-tag", row[4]));
        item.append(source);
        list.append(item);
      });
      details.append(list);
      if (edge.evn) {
        var rest = count(edge.evn) + " in all; the rest are in graph.json.";
        details.append(el("p", "kg-note", rest));
      }
    }
    details.hidden = false;
    details.parentNode.scrollTop = 0;
    redraw();
  }

  function moveTo(i) {
    var shown = renderer.getNodeDisplayData(String(i));
    if (!shown) return;
    var camera = renderer.getCamera();
    var target = { x: shown.x, y: shown.y, ratio: Math.min(camera.ratio, 0.35) };
    camera.animate(target, { duration: 400 });
  }

  // -- tooltips ----------------------------------------------------------------------------

  function showTooltip(x, y, title, kind, facts, links) {
    tooltip.replaceChildren(el("strong", null, title), el("div", "kg-kind", kind));
    (facts || []).slice(0, 4).forEach(function (fact) {
      tooltip.append(el("div", null, fact[0] + ": " + fact[1]));
    });
    tooltip.append(el("div", "kg-hint", "Click for " + (links ? "links and " : "") + "details"));
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.min(box.left + x + 14, window.innerWidth - 380) + "px";
    tooltip.style.top = box.top + y + 14 + "px";
    tooltip.hidden = false;
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  renderer.on("enterNode", function (payload) {
    var node = nodes[Number(payload.node)];
    var kind = data.labels[node.l].name;
    showTooltip(payload.event.x, payload.event.y, node.n, kind, node.f, Boolean(node.k));
    container.style.cursor = "pointer";
  });
  renderer.on("leaveNode", function () {
    hideTooltip();
    container.style.cursor = "";
  });
  renderer.on("clickNode", function (event) {
    hideTooltip();
    selectNode(Number(event.node));
  });
  renderer.on("clickStage", clearSelection);
  if (data.edgeEvents) {
    renderer.on("enterEdge", function (payload) {
      var edge = edges[graph.getEdgeAttribute(payload.edge, "j")];
      var facts = (edge.f || []).slice();
      if (edge.ev && edge.ev.length) {
        var joint = COLLABORATION.has(data.edgeTypes[edge.ty]);
        facts.push([joint ? "Paper" : "Evidence", edge.ev[0][0]]);
      }
      var type = data.edgeTypes[edge.ty];
      showTooltip(payload.event.x, payload.event.y, type, ends(edge), facts, false);
      container.style.cursor = "pointer";
    });
    renderer.on("leaveEdge", function () {
      hideTooltip();
      container.style.cursor = "";
    });
    renderer.on("clickEdge", function (event) {
      hideTooltip();
      selectEdge(graph.getEdgeAttribute(event.edge, "j"));
    });
  }

  // -- search ----------------------------------------------------------------------------

  var lastQuery = "";
  function search(query) {
    lastQuery = query;
    var wanted = query.trim().toLowerCase();
    matches = new Set();
    if (wanted.length >= 2) {
      nodes.forEach(function (node, i) {
        if (nodeOn[i] && (lowerNames[i].indexOf(wanted) >= 0 || node.id.toLowerCase() === wanted)) {
          matches.add(i);
        }
      });
    }
    view.matches = matches.size;
    searchCount.textContent = wanted.length >= 2
      ? count(matches.size) + (matches.size === 1 ? " match" : " matches")
      : "";
    redraw();
    return matches.size;
  }

  function bestMatch() {
    var best = null;
    matches.forEach(function (i) {
      if (best === null || nodes[i].s > nodes[best].s) best = i;
    });
    return best;
  }

  var searchTimer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      search(searchBox.value);
    }, 120);
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    clearTimeout(searchTimer);
    search(searchBox.value);
    var best = bestMatch();
    if (best !== null) {
      selectNode(best);
      moveTo(best);
    }
  });

  // -- filters -----------------------------------------------------------------------------

  function apply() {
    recompute();
    if (selectedNode !== null && !nodeOn[selectedNode]) {
      clearSelection();
    } else if (selectedEdge !== null && !edgeOn[selectedEdge]) {
      clearSelection();
    } else if (selectedNode !== null) {
      focus = neighboursOf(selectedNode);
      view.highlighted = focus.size - 1;
    }
    search(lastQuery);
  }

  function checkboxList(title, items, hidden, filterName, line) {
    var section = el("section", "kg-filter");
    section.append(el("h3", null, title));
    items.forEach(function (item, k) {
      var row = el("label", "kg-check");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.filter = filterName + ":" + k;
      box.addEventListener("change", function () {
        if (box.checked) hidden.delete(k);
        else hidden.add(k);
        apply();
      });
      var swatch = el("span", line ? "kg-line" : "kg-swatch");
      swatch.style.background = item.c;
      var text = item.name + " \u00b7 " + count(item.shown) + " of " + count(item.total);
      row.append(box, swatch, el("span", null, text));
      section.append(row);
    });
    filters.append(section);
  }

  if (data.labels.length > 1 || data.legendIsLabels) {
    var title = data.legendIsLabels ? data.legendTitle : "Node types";
    checkboxList(title, data.labels, hiddenLabels, "label", false);
  }
  if (!data.legendIsLabels && data.legend.length) {
    checkboxList(data.legendTitle, data.legend, hiddenGroups, "group", false);
  }
  if (data.edgeLegend.length) {
    checkboxList(data.edgeLegendTitle, data.edgeLegend, hiddenEdgeGroups, "edge", true);
  }
  if (edges.some(function (edge) { return edge.fa; })) {
    var faintRow = el("label", "kg-check");
    var faintBox = el("input");
    faintBox.type = "checkbox";
    faintBox.checked = true;
    faintBox.dataset.filter = "faint";
    faintBox.addEventListener("change", function () {
      showFaint = faintBox.checked;
      apply();
    });
    faintRow.append(faintBox, el("span", null, "Show relations that are not asserted (faint)"));
    filters.lastChild.append(faintRow);
  }
  if (data.years) {
    var yearSection = el("section", "kg-filter");
    yearSection.append(el("h3", null, "Years"));
    var yearRow = el("div", "kg-years");
    var from = el("input");
    var to = el("input");
    var onYears = function () {
      var low = parseInt(from.value, 10);
      var high = parseInt(to.value, 10);
      if (isNaN(low) || isNaN(high)) return;
      if (low <= data.years[0] && high >= data.years[1]) {
        yearFrom = null;
        yearTo = null;
      } else {
        yearFrom = Math.min(low, high);
        yearTo = Math.max(low, high);
      }
      apply();
    };
    [from, to].forEach(function (box, k) {
      box.type = "number";
      box.min = data.years[0];
      box.max = data.years[1];
      box.value = data.years[k];
      box.id = k ? "kg-year-to" : "kg-year-from";
      box.setAttribute("aria-label", k ? "last year" : "first year");
      box.addEventListener("change", onYears);
      box.addEventListener("input", onYears);
    });
    yearRow.append(el("span", null, "from "), from, el("span", null, " to "), to);
    yearSection.append(yearRow, el("p", "kg-note", "Items without a year stay visible."));
    filters.append(yearSection);
  }

  // -- start -------------------------------------------------------------------------------

  countDrawn();
  if (data.focus !== null && data.focus !== undefined) view.focus = nodes[data.focus].id;
  view.search = search;
  view.select = function (id) {
    if (idIndex.has(id)) selectNode(idIndex.get(id));
    return view.highlighted;
  };
  view.selectEdge = function (j) {
    if (edgeOn[j]) selectEdge(j);
    return view.selected;
  };
  view.clear = clearSelection;
  view.sigma = renderer; // for the curious: the sigma.js renderer and its graphology graph
  view.positionOf = function (id) {
    var shown = renderer.getNodeDisplayData(String(idIndex.get(id)));
    var point = renderer.framedGraphToViewport(shown);
    var box = container.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  };
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      view.timings.drawn = performance.now();
      view.ready = true;
    });
  });
})();
