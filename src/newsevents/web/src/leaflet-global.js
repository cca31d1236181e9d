// leaflet.markercluster extends a global `L`; give it a mutable copy of Leaflet's namespace.
import * as Leaflet from "leaflet";

const L = { ...Leaflet };
window.L = L;
export default L;
