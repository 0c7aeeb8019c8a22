// The two libraries kg's view pages draw with, exposed as one global (`kgSigma`) by build.mjs.
// The page's own code (search, filters, tooltips) is kg/views/assets/view.js, kept out of this
// bundle so it can be read and changed without npm.
import Graph from "graphology";
import Sigma from "sigma";

export { Graph, Sigma };
