//! On the pupil's page: which of the class's optional subjects (Ngoại ngữ 1 in grades 1–2,
//! Tiếng dân tộc thiểu số) the pupil takes. Hidden when the class offers none.

use crate::components::CheckField;
use crate::i18n::{domain, t};
use crate::services::api::{self, ApiError};
use hocba_core::api::OptionalSubjectChoice;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OptionalSubjectsProps {
    pub class_id: AttrValue,
    pub pupil_id: AttrValue,
}

#[component]
pub fn OptionalSubjects(props: &OptionalSubjectsProps) -> Html {
    let tx = t();
    let choices = use_state(Vec::<OptionalSubjectChoice>::new);
    let message = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    {
        let choices = choices.clone();
        let (class_id, pupil_id) = (props.class_id.clone(), props.pupil_id.clone());
        use_effect_with((class_id.clone(), pupil_id.clone()), move |_| {
            spawn_local(async move {
                if let Ok(list) = api::optional_subjects(&class_id, &pupil_id).await {
                    choices.set(list);
                }
            });
        });
    }
    if choices.is_empty() {
        return Html::default();
    }
    let boxes = choices.iter().enumerate().map(|(i, c)| {
        let on_change = {
            let choices = choices.clone();
            Callback::from(move |checked: bool| {
                let mut list = (*choices).clone();
                if let Some(c) = list.get_mut(i) {
                    c.taken = checked;
                }
                choices.set(list);
            })
        };
        let name = domain::subject_name(&c.code, &c.name);
        let label = match &c.language {
            Some(language) => format!("{name} ({language})"),
            None => name.to_string(),
        };
        html! {
            <CheckField id={format!("optional-{}", c.code)} name={format!("optional:{}", c.code)} {label}
                checked={c.taken} {on_change} disabled={*busy} />
        }
    });
    let on_save = {
        let (choices, message, busy) = (choices.clone(), message.clone(), busy.clone());
        let (class_id, pupil_id) = (props.class_id.clone(), props.pupil_id.clone());
        Callback::from(move |_: MouseEvent| {
            let codes: Vec<String> = choices.iter().filter(|c| c.taken).map(|c| c.code.clone()).collect();
            let (choices, message, busy) = (choices.clone(), message.clone(), busy.clone());
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::set_optional_subjects(&class_id, &pupil_id, &codes).await {
                    Ok(list) => {
                        choices.set(list);
                        message.set(Some((false, t().saved.to_string())));
                    }
                    Err(err) => message.set(Some((true, ApiError::message(&err)))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="optional-heading" data-section="optional-subjects">
            <h2 id="optional-heading">{ tx.optional_subjects_title }</h2>
            <p class="hint">{ tx.optional_subjects_hint }</p>
            if let Some((is_error, text)) = (*message).clone() {
                <p class={classes!("banner", if is_error { "error" } else { "ok" })} role="status">{ text }</p>
            }
            { for boxes }
            <button type="button" class="button primary" data-action="save-optional" disabled={*busy}
                onclick={on_save}>{ tx.save }</button>
        </section>
    }
}
