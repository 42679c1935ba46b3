export { ForbiddenView as default } from "@/components/layout/forbidden-view";
