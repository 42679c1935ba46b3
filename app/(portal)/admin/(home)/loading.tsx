export { PortalLoading as default } from "@/components/layout/portal-loading";
