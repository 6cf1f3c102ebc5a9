// The finder's map: an enhancement over the list, drawn only when JavaScript runs and tiles are configured.
// Leaflet sets positions through the CSSOM (allowed by the CSP); links in popups lead to the place pages.
const container = document.getElementById("carte-lieux");
const L = window.L;
if (container && L) {
  const points = JSON.parse(container.dataset.points || "[]");
  container.hidden = false;
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(container.dataset.tiles, { maxZoom: 18, attribution: container.dataset.attribution }).addTo(map);
  const bounds = [];
  for (const p of points) {
    const marker = L.marker([p.lat, p.lon], { title: p.nom, alt: p.nom, keyboard: true }).addTo(map);
    const link = document.createElement("a");
    link.href = `/lieux/${p.id}`;
    link.className = "govuk-link";
    link.textContent = p.nom;
    marker.bindPopup(link);
    bounds.push([p.lat, p.lon]);
  }
  if (bounds.length === 1) map.setView(bounds[0], 14);
  else map.fitBounds(bounds, { padding: [24, 24] });
}
