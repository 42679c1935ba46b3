"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import jsQR from "jsqr";
import { Button } from "@/components/ui/button";

/** Reads a QR code from the camera (getUserMedia + jsQR on canvas frames) and reports its text. */
export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useTranslations("trainingCheckIn");
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    let last = "";
    const loop = () => {
      if (stopped) return;
      const v = video.current;
      const c = canvas.current;
      if (v && c && v.readyState >= 2 && v.videoWidth) {
        c.width = v.videoWidth;
        c.height = v.videoHeight;
        const ctx = c.getContext("2d", { willReadFrequently: true });
        if (ctx) {
          ctx.drawImage(v, 0, 0, c.width, c.height);
          const img = ctx.getImageData(0, 0, c.width, c.height);
          const found = jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
          if (found?.data && found.data !== last) {
            last = found.data;
            onCodeRef.current(found.data);
          }
        }
      }
      frame = requestAnimationFrame(loop);
    };
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error("no camera");
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped) return;
        if (video.current) {
          video.current.srcObject = stream;
          await video.current.play();
        }
        frame = requestAnimationFrame(loop);
      } catch {
        setFailed(true);
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on]);

  return (
    <div className="flex flex-col gap-3">
      <Button
        type="button"
        variant={on ? "secondary" : "primary"}
        onClick={() => {
          setFailed(false);
          setOn((x) => !x);
        }}
      >
        {on ? t("stopScan") : t("scan")}
      </Button>
      {failed ? (
        <p role="alert" className="text-red-700">
          {t("cameraUnavailable")}
        </p>
      ) : null}
      {on ? <p className="text-sm text-slate-600">{t("scanning")}</p> : null}
      <video ref={video} className={on ? "w-full max-w-sm rounded-lg bg-black" : "hidden"} muted playsInline />
      <canvas ref={canvas} className="hidden" />
    </div>
  );
}
