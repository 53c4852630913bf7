//! The message: `message`, `__message_json` and `__message_json_len`, what each variant's
//! message is made of, and the text of templates (also used for headers and details).

use super::{Arm, Expander, dedup, str_lit, ty_span};
use crate::ast::{Field, Variant};
use crate::attr::Template;
use crate::escape::json_escape;
use crate::symbol::{
    ARGS, INTERNAL_MESSAGE, INTERP, INTERP_ARG, MESSAGE_JSON, MESSAGE_JSON_LEN, NO_ARG, OUT,
    Symbol, TEXT, UNAVAILABLE_MESSAGE,
};
use crate::template::Piece;
use crate::ty::fills_always;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

impl<'a> Expander<'a> {
    /// What a variant's public message is made of.
    pub(super) fn message_kind(&self, variant: &'a Variant<'a>) -> MessageKind<'a> {
        if let Some(template) = &variant.attrs.message {
            return MessageKind::Template(template);
        }
        match self.input.status_of(variant) {
            Some(status @ 500..=599) => MessageKind::Generic(status),
            _ => MessageKind::Display,
        }
    }

    /// Whether the runtime writes the variant's message from its catalog entry: a generic
    /// 5xx sentence, or a template whose text the runtime may copy as it is (every brace in
    /// the entry's template belongs to a placeholder, and JSON escapes nothing in the text);
    /// the runtime fills the placeholders with the values the variant's arm hands it. Other
    /// templates get an arm that writes their text pre-escaped.
    fn message_from_catalog(&self, variant: &'a Variant<'a>) -> bool {
        match self.message_kind(variant) {
            MessageKind::Template(template) => template.plain_text,
            MessageKind::Generic(_) => true,
            MessageKind::Display => false,
        }
    }

    /// The message: forwarded, or what `__message_json` writes, without escaping.
    pub(super) fn message(&self) -> TokenStream {
        let private = &self.private;
        self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::message(#field))),
            quote!(#private::message_of(self)),
        )
    }

    /// The message into a JSON string. Most variants leave it to the runtime, which writes
    /// the template of their catalog entry with the values an arm hands it, or the `Display`
    /// text; one short arm each keeps this big `match` cheap to compile. Forwarding arms, and
    /// templates with braces or escapes in their text, write the message themselves (text
    /// pre-escaped) and return.
    ///
    /// Each arm gives an array of the same length (the most placeholders of any template,
    /// padded with `NO_ARG`), by value: a borrowed temporary per arm would cost compile time.
    pub(super) fn message_json(&self) -> TokenStream {
        let private = &self.private;
        let width = self
            .input
            .variants
            .iter()
            .filter(|variant| !variant.is_transparent() && self.message_from_catalog(variant))
            .filter_map(|variant| variant.attrs.message.as_ref())
            .map(Template::placeholders)
            .max()
            .unwrap_or(0);
        let mut runtime_writes = false;
        let body = self.match_some(
            |variant| {
                if let Some(arm) = self.forward(
                    variant,
                    |api, field| quote!(return #api::#MESSAGE_JSON(#field, #OUT)),
                ) {
                    return Some(arm);
                }
                let MessageKind::Template(template) = self.message_kind(variant) else {
                    runtime_writes = true;
                    return None;
                };
                if self.message_from_catalog(variant) {
                    runtime_writes = true;
                    if template.is_static() {
                        return None;
                    }
                    return Some(match self.args(variant, template, width) {
                        (fields, Some(args)) => Arm::text(fields, args),
                        (fields, None) => {
                            let args = self.arg_calls(variant, template, &quote!(#INTERP));
                            let padding = (template.placeholders()..width).map(|_| &NO_ARG);
                            Arm::new(fields, quote!([#(#args,)* #(#padding,)*]))
                        }
                    });
                }
                let mut fields = Vec::new();
                let writes: Vec<TokenStream> = template
                    .pieces
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(text) => {
                            let escaped = str_lit(&json_escape(text));
                            let text = str_lit(text);
                            quote!(#OUT.push_static(#text, #escaped);)
                        }
                        Piece::Named(_) | Piece::Index(_) => {
                            let field = self.field_of(variant, piece);
                            fields.push(field);
                            let arg = arg_call(field, &quote!(#INTERP));
                            quote!(#OUT.push_arg(#arg);)
                        }
                    })
                    .collect();
                Some(Arm::new(dedup(fields), quote!(#(#writes)* return;)))
            },
            quote!([#NO_ARG; #width]),
        );
        // Imported once for every arm, `Interp` and `NO_ARG` under names of the derive's own:
        // `Interp(value).__apierror_arg()` picks the integer and string fast paths, else
        // `Display`.
        let imports = quote! {
            #[allow(unused_imports)]
            use #private::{
                Interp as #INTERP, InterpDisplay as _, InterpFast as _,
                NO_ARG as #NO_ARG,
            };
        };
        if !runtime_writes {
            // Every arm returns (or there is none).
            return quote!(#imports #body);
        }
        quote! {
            #imports
            let #ARGS: [#private::Arg<'_>; #width] = #body;
            #private::message_json(self, #OUT, &#ARGS)
        }
    }

    /// An array of the values of `template`'s placeholders in order, as `Arg`s, padded to
    /// `width` (source text), and the fields they read; no text when a field's type may not
    /// fill a placeholder (see [`fills_always`]), whose call must carry its span.
    fn args(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
        width: usize,
    ) -> (Vec<&'a Field<'a>>, Option<String>) {
        let mut fields = Vec::new();
        let mut source = String::from("[");
        let mut spanned = false;
        for piece in &template.pieces {
            if !matches!(piece, Piece::Text(_)) {
                let field = self.field_of(variant, piece);
                spanned |= !fills_always(field.ty);
                fields.push(field);
                source.push_str(INTERP.as_str());
                source.push('(');
                source.push_str(&field.binding_text);
                source.push_str(").");
                source.push_str(INTERP_ARG.as_str());
                source.push_str("(),");
            }
        }
        for _ in template.placeholders()..width {
            source.push_str(NO_ARG.as_str());
            source.push(',');
        }
        source.push(']');
        (dedup(fields), (!spanned).then_some(source))
    }

    /// `interp(value).__apierror_arg()` for each of `template`'s placeholders, in order (see
    /// [`arg_call`]).
    fn arg_calls(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
        interp: &TokenStream,
    ) -> Vec<TokenStream> {
        template
            .pieces
            .iter()
            .filter(|piece| !matches!(piece, Piece::Text(_)))
            .map(|piece| arg_call(self.field_of(variant, piece), interp))
            .collect()
    }

    /// About how long the message is, for the body's capacity.
    pub(super) fn message_json_len(&self) -> TokenStream {
        let parts = self.parts();
        self.match_some(
            |variant| {
                self.forward(
                    variant,
                    |api, field| quote!(#api::#MESSAGE_JSON_LEN(#field)),
                )
            },
            quote!(#parts.message_len()),
        )
    }

    /// An expression of type `String` that renders `template`, and the fields it reads.
    pub(super) fn string_from_template(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
    ) -> (Vec<&'a Field<'a>>, TokenStream) {
        let private = &self.private;
        let mut fields = Vec::new();
        let mut capacity = 0;
        let pushes: Vec<TokenStream> = template
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => {
                    capacity += text.len();
                    quote!(#TEXT.push_str(#text);)
                }
                Piece::Named(_) | Piece::Index(_) => {
                    capacity += 16;
                    let field = self.field_of(variant, piece);
                    fields.push(field);
                    let arg = arg_call(field, &quote!(#private::Interp));
                    quote!(#private::push_arg(&mut #TEXT, #arg);)
                }
            })
            .collect();
        let value = quote! {{
            use #private::{InterpDisplay as _, InterpFast as _};
            let mut #TEXT = #private::String::with_capacity(#capacity);
            #(#pushes)*
            #TEXT
        }};
        (dedup(fields), value)
    }

    /// An expression of type `Cow<'static, str>` that renders `template`.
    pub(super) fn cow_from_template(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
    ) -> (Vec<&'a Field<'a>>, TokenStream) {
        let private = &self.private;
        if template.is_static() {
            let text = template.display_form();
            return (Vec::new(), quote!(#private::Cow::Borrowed(#text)));
        }
        let (fields, value) = self.string_from_template(variant, template);
        (fields, quote!(#private::Cow::Owned(#value)))
    }
}

/// What a variant's public message is made of.
pub(super) enum MessageKind<'t> {
    Template(&'t Template),
    Generic(u16),
    Display,
}

/// The runtime's constant holding a 5xx status's generic message.
pub(super) fn generic_message_constant(status: u16) -> Symbol {
    match status {
        502..=504 => UNAVAILABLE_MESSAGE,
        _ => INTERNAL_MESSAGE,
    }
}

/// `interp(value).__apierror_arg()`, the value of `field` for a placeholder: the method named
/// at the field's type, so that a type that is not `Display` is reported there, in the user's
/// file (method resolution fails at the method's name).
fn arg_call(field: &Field<'_>, interp: &TokenStream) -> TokenStream {
    let binding = &field.binding;
    let method = Ident::new(INTERP_ARG.as_str(), ty_span(field.ty));
    quote!(#interp(#binding).#method())
}
