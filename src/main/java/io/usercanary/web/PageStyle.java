package io.usercanary.web;

/** The pages' one inline stylesheet and document head: no external assets, the daemon may sit in a closed network. */
final class PageStyle {
    private PageStyle() {}

    static final String CSS = """
            :root{--ok:#2e9e4f;--slow:#e0a100;--fail:#d93025;--pending:#8a9099;--line:#e3e6ea;--muted:#5f6b7a}
            *{box-sizing:border-box}
            body{margin:0;background:#f4f5f7;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            a{color:#0b57d0;text-decoration:none} a:hover{text-decoration:underline}
            header.page{background:#fff;border-bottom:1px solid var(--line);padding:14px 24px}
            h1{font-size:19px;margin:0;font-weight:650}
            h1 .where{color:var(--muted);font-weight:500}
            .meta{color:var(--muted);font-size:12px;margin-top:2px}
            .summary{margin:10px 0 0;padding:9px 14px;border-radius:6px;font-size:15px;font-weight:600;border-left:6px solid var(--pending);background:#eceff1}
            .summary[data-status=ok]{background:#e6f4ea;color:#0d652d;border-color:var(--ok)}
            .summary[data-status=slow]{background:#fef7e0;color:#7a4f00;border-color:var(--slow)}
            .summary[data-status=failing]{background:#fce8e6;color:#a50e0e;border-color:var(--fail)}
            p.stale{margin:8px 0 0;padding:7px 14px;border-radius:6px;background:#fef7e0;color:#7a4f00;font-weight:600;border-left:6px solid var(--slow)}
            .when.stale{color:#a36f00;font-weight:700}
            main{padding:16px 24px}
            section.cohort{background:#fff;border:1px solid var(--line);border-left:6px solid var(--pending);border-radius:6px;margin:0 0 14px;overflow-x:auto}
            section.cohort[data-status=ok]{border-left-color:var(--ok)}
            section.cohort[data-status=slow]{border-left-color:var(--slow)}
            section.cohort[data-status=failing]{border-left-color:var(--fail)}
            section.cohort h2{margin:0;padding:9px 12px 7px;font-size:15px;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
            section.cohort h2 .range{color:var(--muted);font-size:12px;font-weight:400}
            .since{color:#a50e0e;font-size:12px;font-weight:600;white-space:nowrap}
            td .since{display:block;white-space:normal}
            table{border-collapse:collapse;width:100%;table-layout:fixed}
            section.cohort table,section.cohort thead,section.cohort tbody{display:block}
            section.cohort tr{display:grid;grid-template-columns:var(--cols);border-top:1px solid var(--line)}
            section.cohort th,section.cohort td{border-top:0}
            section.cohort th.detail{display:none}
            section.cohort td.detail{grid-column:2 / -1;grid-row:2;padding-top:0}
            section.cohort td.detail:empty{display:none}
            th,td{padding:6px 12px;text-align:left;vertical-align:top;border-top:1px solid var(--line);overflow:hidden;text-overflow:ellipsis}
            th{font-size:12px;font-weight:600;color:var(--muted);white-space:nowrap}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;padding-left:2px;padding-right:8px;white-space:nowrap}
            td.num.slow{color:#a36f00;font-weight:700} td.num.none{color:#b3b9c2}
            td.account{font-weight:600;overflow-wrap:anywhere} td.outcome{padding-left:6px;padding-right:6px} td.strip{padding-left:8px;padding-right:8px} td.age,td.last-success{white-space:nowrap}
            td.num small{color:var(--muted);font-size:11px;font-weight:400}
            td.detail{color:#3c4450;font-size:13px;overflow-wrap:anywhere}
            ul.failures,ul.notes{margin:0;padding:0;list-style:none}
            ul.failures li{padding-left:1.1em;text-indent:-1.1em;margin:0 0 2px}
            ul.failures li::before{content:"✗";color:var(--fail);font-weight:700;display:inline-block;width:1.1em;text-indent:0}
            td.detail .last-failure{display:block;font-size:12px;margin-top:2px}
            .when{display:block;color:var(--muted);font-size:12px;white-space:nowrap}
            .badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;font-weight:700;color:#fff;white-space:nowrap}
            .badge.ok{background:var(--ok)} .badge.slow{background:var(--slow);color:#1f2328}
            .badge.fail{background:var(--fail)} .badge.pending{background:var(--pending)}
            svg.strip{display:block;margin-top:1px} svg.strip a rect:hover{opacity:.6}
            dl.run{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:12px 0 0}
            dl.run dt{color:var(--muted)} dl.run dd{margin:0}
            section.step{background:#fff;border:1px solid var(--line);border-left:6px solid var(--pending);border-radius:6px;margin:0 0 14px;padding:0 0 8px}
            section.step.ok{border-left-color:var(--ok)} section.step.slow{border-left-color:var(--slow)} section.step.fail{border-left-color:var(--fail)}
            section.step h2{margin:0;padding:9px 12px 4px;font-size:15px;display:flex;gap:10px;align-items:baseline}
            section.step .step-detail{padding:0 12px 6px;color:#3c4450}
            section.step table{table-layout:auto;width:auto;min-width:40%;margin:0 0 6px}
            h3{font-size:12px;font-weight:600;color:var(--muted);margin:10px 12px 2px}
            pre.body{margin:4px 12px 8px;padding:8px 10px;background:#f6f8fa;border:1px solid var(--line);border-radius:4px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;max-height:360px;overflow:auto}
            td.passed{color:var(--ok);font-weight:700} td.failed{color:var(--fail);font-weight:700}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            section.failure{background:#fff;border:1px solid var(--line);border-left:6px solid var(--fail);border-radius:6px;margin:0 0 18px;padding:0 0 8px}
            section.failure.slow{border-left-color:var(--slow)} section.failure.ok{border-left-color:var(--ok)}
            section.failure h2{margin:0;padding:10px 12px 4px;font-size:16px;display:flex;flex-wrap:wrap;gap:6px 10px;align-items:baseline}
            section.failure ul.failures{padding:0 12px 6px}
            section.failure h2 a{font-size:13px;font-weight:400}
            p.also-failed{margin:4px 12px 6px;font-size:13px;color:#a50e0e;font-weight:600}
            section.failure table{table-layout:auto;min-width:0;width:auto;margin:0 12px 6px}
            section.failure table td,section.failure table th{padding:4px 10px 4px 0}
            pre.excerpt{margin:4px 12px 8px;padding:8px 10px;background:#fff8f7;border:1px solid #f4c7c3;border-radius:4px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;max-height:160px;overflow:auto}
            @media (max-width:860px){
            header.page{padding:12px 14px} main{padding:12px 8px}
            section.cohort table,section.cohort tbody,section.cohort tr,section.cohort td{display:block;min-width:0;width:auto}
            section.cohort thead{display:none}
            section.cohort tr.account{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline;padding:8px 12px;border-top:1px solid var(--line)}
            section.cohort td{border:0;padding:0}
            section.cohort td.account{flex:1 1 60%;font-size:15px}
            section.cohort td.age::before{content:"age ";color:var(--muted);font-size:12px}
            section.cohort td.outcome{flex:1 1 100%;display:flex;flex-wrap:wrap;gap:2px 10px;align-items:baseline}
            section.cohort td.outcome .when,section.cohort td.outcome .since{display:inline}
            section.cohort td.detail{flex:1 1 100%;padding:0}
            section.cohort td.last-success::before{content:"last success ";color:var(--muted);font-size:12px}
            section.cohort td.num{text-align:left;padding:0}
            section.cohort td.num::before{content:attr(data-step) " ";color:var(--muted);font-size:11px}
            section.cohort td.strip{flex:1 1 100%} svg.strip{max-width:100%;height:auto}
            dl.run{grid-template-columns:max-content minmax(0,1fr)}
            section.step table,section.failure table{min-width:0;max-width:100%;table-layout:fixed;width:calc(100% - 24px)}
            section.step td,section.failure td,section.step th,section.failure th{overflow-wrap:anywhere;white-space:normal}
            section.step h2 code,section.failure h2 code,td code{overflow-wrap:anywhere}
            }
            """;

    /** Doctype, head and the opening body tag; {@code refreshSeconds} 0 means no auto-refresh. */
    static String head(String title, int refreshSeconds) {
        StringBuilder out = new StringBuilder(CSS.length() + 512)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refreshSeconds > 0) {
            out.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
        }
        return out.append("<link rel=\"icon\" href=\"data:,\">\n<title>").append(Html.escape(title)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n").toString();
    }

    static String foot() {
        return "</body>\n</html>\n";
    }
}
