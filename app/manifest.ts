import type { MetadataRoute } from "next";
import core from "@/messages/vi/core.json";

// The web app manifest: the portal installs on a volunteer's phone and opens on their households
// (offline, the service worker opens the offline screen instead). Vietnamese, the default language.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: core.app.name,
    short_name: core.app.name,
    description: core.app.tagline,
    lang: "vi",
    start_url: "/volunteer",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f8fafc",
    theme_color: "#0b5cad",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
