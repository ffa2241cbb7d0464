import Testing
@testable import PatroliCore

@Suite struct EntityDebugDump {
    @Test func dump() {
        let samples = [
            "Hubungi 0812 0000 1111 atau 0812.0000.1111 atau 0812🔥0000🔥1111",
            "WA: +62 812-0000-1111 / 0813-5555-0101",
            "nol delapan satu dua 0000 satu satu satu satu",
            "kosong lapan satu tiga lima lima lima lima kosong satu kosong satu",
            "０８１２００００１１１１ dan 𝟎𝟖𝟏𝟑𝟓𝟓𝟓𝟓𝟎𝟏𝟎𝟏 dan ٠٨١٢٠٠٠٠١١١١",
            "gaji Rp 4.500.000 per bulan, bonus 15jt, tahun 2024, NIK 6271031234560001",
            "wa.me/6281200001111 dan wa dot me/6281355550101 dan api.whatsapp.com/send?phone=6281200001111&text=hi",
            "t.me/kerja_kamboja88 atau @lokerkamboja, email hrd.kerja@gmail.com, line: kerja88, id line rekrut99",
            "Gaji 10-15 juta/bulan, USD 1000-1200, $1.200, 1000 dolar, RM 3000, 3000 ringgit, 1.200 USD, 500rb/hari, Rp4,5 juta sebulan",
            "Usia 18-35, umur 18 s/d 35 thn, usia 18 sampai 35 tahun, min 18 th, minimal 18 tahun, maks 30 tahun, 18-35 tahun, usia 17+",
            "Kerja di K4mboja, Phnom Penh, Sihanoukville, 🇰🇭 🇲🇲, lewat Entikong ke Malaysia, Arab Saudi, K A M B O J A, Kam🔥boja",
            "operator produksi, tanggal 01/02/2024 08:00, 18-35",
            "Telp kantor (021) 5550 1111, +855 12 345 678, +86 138 0000 1111, +66 81 234 5678, +95 9 1234 5678, Malaysia 012-345 6789",
        ]
        let extractor = EntityExtractor()
        for sample in samples {
            var out = JSONOutput()
            extractor.extract(from: sample).writeJSON(to: &out)
            print("IN: \(sample)\nOUT: \(String(decoding: out.bytes, as: UTF8.self))\n")
        }
    }
}
