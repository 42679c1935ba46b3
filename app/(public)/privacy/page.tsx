import { PrivacyView, privacyMetadata } from "@/components/public/privacy-view";

export const generateMetadata = privacyMetadata;

export default function PrivacyPage() {
  return <PrivacyView />;
}
