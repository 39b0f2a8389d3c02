//! `cargo run -p nianbao-office --example office2html -- FILE [OUT.html]`: converts one file and lists what
//! was dropped (for trying documents by hand).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: office2html FILE [OUT.html]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    eprintln!("{path}: {:?}", nianbao_office::sniff(&bytes));
    match nianbao_office::to_html(&bytes) {
        Ok(c) => {
            for d in &c.dropped {
                eprintln!("dropped (page {:?}, {}): {}", d.page, d.reason, d.text);
            }
            match args.next() {
                Some(out) => std::fs::write(&out, &c.html).expect("write"),
                None => print!("{}", c.html),
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
