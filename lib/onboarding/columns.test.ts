import { describe, expect, it } from "vitest";
import { meaningOf, suggestMapping, type ColumnMeaning } from "@/lib/onboarding/columns";

const VARIANTS: Record<ColumnMeaning, string[]> = {
  headName: ["Họ tên chủ hộ", "Họ và tên chủ hộ", "Tên chủ hộ", "Chủ hộ", "HO TEN CHU HO", "Họ và tên CH", "Chủ hộ:"],
  fullName: ["Họ và tên", "Họ tên", "Ho ten", "HỌ VÀ TÊN", "Ho va ten", "Tên", "Họ và tên thành viên", "Họ tên nhân khẩu"],
  birthYear: ["Năm sinh", "NS", "Nam sinh", "N.S", "Năm sinh chủ hộ", "NĂM SINH"],
  birthDate: ["Ngày sinh", "Ngay sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "NTNS", "Ngày/tháng/năm sinh"],
  gender: ["Giới tính", "GT", "Gioi tinh", "Nam/Nữ", "Giới", "Giới tính chủ hộ"],
  phone: ["SĐT", "Số điện thoại", "Điện thoại", "ĐT", "DT", "SDT", "Số ĐT", "Điện thoại di động", "SĐT chủ hộ", "S.Đ.T"],
  village: ["Thôn", "Xóm", "Tổ dân phố", "TDP", "Ấp", "Thôn/Xóm", "Tên thôn", "Thôn, xóm", "Bản", "Khu phố", "Tổ"],
  relation: ["Quan hệ với chủ hộ", "QH", "Quan hệ", "Quan he voi chu ho", "QH với CH", "Quan hệ với CH"],
  householdCode: ["Mã hộ", "Số hộ", "Ma ho", "Mã hộ gia đình", "Mã HGĐ", "Số hộ khẩu", "Số sổ hộ khẩu", "Mã số hộ"],
  address: ["Địa chỉ", "Dia chi", "Nơi ở hiện nay", "Chỗ ở hiện tại", "Nơi thường trú", "Số nhà"],
  notes: ["Ghi chú", "Ghi chu", "GC", "GHI CHÚ"],
  oldCommune: ["Xã cũ", "Xã (cũ)", "Xã", "Xã/Phường", "Đơn vị hành chính cũ", "Xã trước sáp nhập", "Phường cũ"],
};

describe("recognising column headers", () => {
  for (const [meaning, headers] of Object.entries(VARIANTS))
    it(`recognises ${meaning}: ${headers.join(" · ")}`, () => {
      expect(headers.map(meaningOf)).toEqual(headers.map(() => meaning));
    });

  it("leaves row numbers, unknown columns and what the registry does not keep unread", () => {
    expect(
      ["STT", "TT", "Số TT", "", "Số CCCD", "CMND chủ hộ", "Dân tộc", "Nghề nghiệp chủ hộ", "Họ tên vợ/chồng", "Xếp loại"].map(
        meaningOf,
      ),
    ).toEqual(Array(10).fill(null));
  });

  it("suggests one column per meaning, the first", () => {
    expect(
      suggestMapping(["STT", "Mã hộ", "Họ và tên", "Quan hệ với chủ hộ", "Ngày sinh", "GT", "SĐT", "Thôn", "Ghi chú", "Họ tên"]),
    ).toEqual([null, "householdCode", "fullName", "relation", "birthDate", "gender", "phone", "village", "notes", null]);
    expect(suggestMapping(["TT", "Họ tên chủ hộ", "NS", "Giới tính", "Điện thoại", "Xóm", "Địa chỉ", "Xã cũ"])).toEqual([
      null,
      "headName",
      "birthYear",
      "gender",
      "phone",
      "village",
      "address",
      "oldCommune",
    ]);
  });
});
